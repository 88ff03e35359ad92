# METADATA
# title: iamc decisions
# description: |
#   The entrypoints of an iamc bundle. Every decision follows the AWS IAM
#   evaluation logic (docs/semantics.md); anything malformed or unknown denies,
#   with the reason in errors. The rules of iamc.core are their helpers.
package iamc

import data.iamc.core

# METADATA
# title: decision
# description: The decision object for one request (README, "Decisions").
# entrypoint: true
decision := d if {
	d := core._quick
} else := core._decision

# METADATA
# title: allow
# description: True only when the request is allowed; stops at the answer.
# entrypoint: true
default allow := false

allow if core._quick_verdict[0] == "allow"

allow if {
	not core._quick_verdict
	core._allowed
}

# METADATA
# title: batch
# description: |
#   The decisions of input.requests, an array of decision inputs, in their
#   order: one evaluation for many requests.
# entrypoint: true
batch := [d | some r in input.requests; d := decision with input as r]

# METADATA
# title: assume
# description: sts:AssumeRole, its decision and the session it creates.
# entrypoint: true
assume := core._assume

# METADATA
# title: federate
# description: sts:GetFederationToken, its decision and the federated user session.
# entrypoint: true
federate := core._federate

# METADATA
# title: matched
# description: Every statement that applied to the request, in every layer (test coverage).
# entrypoint: true
matched := core._matched
