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

# (core.fast answers the common shapes of request; core.general_decision is
# the reference it must agree with.)

default allow := false

allow := decision.allowed

# The decision of the general path alone, for the test that checks the fast
# path against it.
general_decision := d if {
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

decision := core.fast if {
	core.fast
} else := general_decision

assume := core.assume

federate := core.federate

# Every statement that applied, in every layer (for test coverage).
matched := core.matched
