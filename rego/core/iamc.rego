# iamc decision entrypoints.
#
#   data.iamc.decision  the decision object for one request
#   data.iamc.allow     true only when the request is allowed
#   data.iamc.assume    sts:AssumeRole: the decision and the new session
#   data.iamc.federate  sts:GetFederationToken: the same for a federated user
#
# Anything malformed or unknown denies, with the reason in errors.
package iamc

import data.iamc.core

default allow := false

allow := decision.allowed

decision := d if {
	count(core.errors) == 0
	d := {
		"allowed": core.allowed == true,
		"decision": core.outcome,
		"reasons": core.reasons,
		"layers": core.layers,
		"missing_context": core.missing_context,
		"errors": [],
	}
} else := core.error_decision(core.errors)

assume := core.assume

federate := core.federate

# Every statement that applied, in every layer (for test coverage).
matched := core.matched
