package schema

import "embed"

// JSONSchemas holds the JSON Schemas (draft-07) of the decision contract,
// for services that call an OPA sidecar: decision-input.schema.json (the
// input of data.iamc.decision) and decision.schema.json (its value). Tests
// keep them true against real decisions.
//
//go:embed decision-input.schema.json decision.schema.json
var JSONSchemas embed.FS
