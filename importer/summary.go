package importer

// Summary is what an import read and wrote, and what it left out and why.
type Summary struct {
	Accounts []AccountSummary
	// Organization is nil without the Organizations listings.
	Organization *OrgSummary
	// AWSManaged counts the distinct AWS managed policies attached, and
	// AWSSupplied those whose document the project supplies from the
	// export (the account's version differs from iamc's copy, or iamc has
	// none).
	AWSManaged, AWSSupplied int
	// HCLDocuments and JSONDocuments count the policy documents written as
	// statement blocks and kept as JSON files.
	HCLDocuments, JSONDocuments int
	// Skipped lists what the export holds but the project does not, with
	// the reason.
	Skipped []Skipped
	// Notes says what the export cannot say, and where the project differs
	// from the account for that reason.
	Notes []string
}

// AccountSummary counts what was imported of one account.
type AccountSummary struct {
	ID, Label     string
	Users, Groups int
	// Roles counts every role; ServiceLinked those AWS created for a
	// service (path /aws-service-role/), marked service_linked.
	Roles, ServiceLinked int
	// Policies counts customer managed policies; Inline the inline
	// policies of users, groups and roles.
	Policies, Inline int
	// HasIAM is false for an account of the organization that no
	// authorization details describe.
	HasIAM bool
}

// OrgSummary counts what was imported of the organization.
type OrgSummary struct {
	ID                     string
	Units, Accounts        int
	SCPs, RCPs             int
	SCPEnabled, RCPEnabled bool
}

// Skipped is something of the export the project leaves out.
type Skipped struct {
	What string // "user Alice: policy arn:aws:iam::123456789012:policy/gone"
	Why  string
}

func (s *Summary) skip(what, why string) {
	s.Skipped = append(s.Skipped, Skipped{What: what, Why: why})
}

func (s *Summary) note(text string) { s.Notes = append(s.Notes, text) }
