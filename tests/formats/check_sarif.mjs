// Validates SARIF logs against the official SARIF 2.1.0 JSON schema (tests/data/schemas) with
// ajv's draft 2020-12 class and ajv-formats. The schema is draft-04: its `id` is read as `$id`
// and its `$schema` dropped, the only two keywords that differ between the drafts in it
// (tests/data/schemas/README.md). Prints each error; exits 1 when a log is not valid.
//   node check_sarif.mjs LOG.sarif...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'package.json'));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const schema = JSON.parse(readFileSync(path.join(here, '..', 'data', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
schema.$id = schema.id;
delete schema.id;
delete schema.$schema;
// The official schema is not written for strict mode (it repeats `type` in `anyOf` branches).
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = 0;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(readFileSync(file, 'utf8'));
  if (validate(log)) {
    console.log(`${file}: valid SARIF 2.1.0 (${log.runs[0].results.length} results)`);
    continue;
  }
  ++failed;
  for (const e of validate.errors) console.log(`${file}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
process.exit(failed ? 1 : 0);
