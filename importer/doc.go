// Package importer writes an iamc project from what AWS exports: the output
// of `aws iam get-account-authorization-details` for each account (users
// with their groups, inline and attached policies, permissions boundaries
// and tags; groups; roles with their trust policies; customer managed
// policies with the document of their default version), and optionally the
// AWS Organizations listings (the root, the units, the accounts, the SCPs
// and RCPs with their targets).
//
// The project is written as people write it: formatted as iamc fmt formats
// it, a file per kind (or per account), references wherever the target is
// in the project (groups = [group.Admins], trust principals that are users
// of the project as user.Alice.arn), labels derived from names (with name
// = "…" where the label must differ), AWS managed policies by ARN, and
// policy documents as statement blocks wherever iamc reads the blocks as
// exactly the JSON, or else kept as JSON files read with file().
//
// What the export cannot say is said, not guessed: the [Summary] lists
// what was skipped and why, and notes what the project lacks (resource-based
// policies are not in the authorization details; principals of accounts
// that are not imported stay ARNs).
//
// Errors: an input that is not such an export gives [InputErrors], each
// with its file, JSON path and line:column; a file of the output directory
// that the import would replace but did not write gives a
// *[ConflictError]. In both cases nothing is written. Other errors are
// I/O errors.
//
// The Organizations listings are read from a directory holding one file
// per AWS CLI command, named after the command and its argument:
//
//	describe-organization.json
//	list-roots.json
//	list-organizational-units-for-parent.<parent-id>.json   (the root and every unit)
//	list-accounts-for-parent.<parent-id>.json                (the root and every unit)
//	list-policies.SERVICE_CONTROL_POLICY.json
//	list-policies.RESOURCE_CONTROL_POLICY.json               (when RCPs are enabled)
//	describe-policy.<policy-id>.json                         (every policy listed)
//	list-targets-for-policy.<policy-id>.json                 (every policy listed)
//
// docs/import.md gives the commands that write them.
//
// [GetAccountAuthorizationDetails]: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
package importer
