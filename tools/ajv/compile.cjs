// Every schema named on the command line, as another tool sees it: valid against the JSON Schema 2020-12
// metaschema and compiled by Ajv in strict mode (no unknown keyword, no ambiguous type, every `required`
// property defined, patterns as Unicode regular expressions), with ajv-formats' checkers for its formats.
// One JSON line per file; exit 1 when any fails. Run by tests/test_supply_chain.py after `npm ci` here.
"use strict";
const { readFileSync } = require("node:fs");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

let failed = 0;
for (const file of process.argv.slice(2)) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  try {
    const schema = JSON.parse(readFileSync(file, "utf8"));
    if (!ajv.validateSchema(schema)) {
      throw new Error(`not valid against the 2020-12 metaschema: ${ajv.errorsText(ajv.errors)}`);
    }
    ajv.compile(schema);
    console.log(JSON.stringify({ file, ok: true }));
  } catch (error) {
    failed += 1;
    console.log(JSON.stringify({ file, ok: false, error: String(error && error.message ? error.message : error) }));
  }
}
process.exit(failed ? 1 : 0);
