# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

rcp "data_perimeter" {
  # p-perimeter1 "DataPerimeter"
  description = "Only the organization's identities reach its data"
  document    = file("policies/rcp/data_perimeter.json")
}
