# The why-not entrypoint: what nearly applied to a request (whynot.rego).
package iamc

import data.iamc.core

# METADATA
# title: whynot
# description: |
#   Every statement whose Action matches the request's action, in every
#   layer, with what it missed: the resource, the principal or a condition
#   (with the value the request had for its key), or nothing. Explains an
#   implicit deny (what nearly allowed) and an explicit deny (the conditions
#   that made the Deny apply). The decision itself is data.iamc.decision.
# entrypoint: true
whynot := core._whynot
