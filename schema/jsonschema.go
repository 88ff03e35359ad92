package schema

import "embed"

// JSONSchemas holds iamc's JSON Schemas (draft-07). Two are the decision
// contract, for services that call an OPA sidecar:
// decision-input.schema.json (the input of data.iamc.decision) and
// decision.schema.json (its value). The third, model.schema.json, is the
// layout of data.iamc.model, the compiled model the Rego core reads: internal
// to a bundle, it is the glossary of the model's short keys, and the core is
// type-checked against it (make lint). Tests keep all three true against
// real decisions and compiled models.
//
//go:embed decision-input.schema.json decision.schema.json model.schema.json
var JSONSchemas embed.FS
