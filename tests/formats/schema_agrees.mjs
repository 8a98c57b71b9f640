// Runs ajv (strict, draft 2020-12, ajv-formats) with the generated schema over every input the
// kit judged, and compares verdicts: ajv accepts an input exactly when the kit reports no error
// of a rule the schema expresses. Prints each disagreement and a summary; exits 1 on any.
//   node schema_agrees.mjs SCHEMA EXPRESSED_RULES KIT_RESULTS
// KIT_RESULTS is `tented-contract validate --format json` over the inputs: whole files, or the
// records (lines) of JSON Lines files.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package.json'));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const [schemaFile, rulesFile, resultsFile] = process.argv.slice(2);
const expressed = new Set(readFileSync(rulesFile, 'utf8').split('\n').filter(Boolean));
// Without schema/type the schema leaves types unsaid, as draft 2020-12 allows (`required` and
// `items` then bind objects and arrays alone); ajv's strictTypes lint asks for a type beside them.
const ajv = new Ajv2020({ strict: true, strictTypes: expressed.has('schema/type'), allErrors: true });
addFormats(ajv);
const check = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
const results = JSON.parse(readFileSync(resultsFile, 'utf8')).results;

const files = new Map();
function payload(source, record) {
  if (!files.has(source)) files.set(source, readFileSync(source));
  const bytes = files.get(source);
  if (record === null) return bytes;
  let start = 0;
  for (let line = 1; line < record; ++line) start = bytes.indexOf(10, start) + 1;
  let end = bytes.indexOf(10, start);
  if (end < 0) end = bytes.length;
  if (end > start && bytes[end - 1] === 13) --end;
  return bytes.subarray(start, end);
}

// Whether every string and member name of `v` is Unicode: JSON.parse lets `\ud800` alone
// through, which I-JSON (RFC 7493 section 2.1) and the kit (json/syntax) refuse.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function wellFormed(v) {
  if (typeof v === 'string') return !loneSurrogate.test(v);
  if (Array.isArray(v)) return v.every(wellFormed);
  if (v !== null && typeof v === 'object') return Object.entries(v).every(([k, x]) => !loneSurrogate.test(k) && wellFormed(x));
  return true;
}

// A JSON reader's verdict: the text must be UTF-8 (a byte-order mark is skipped, RFC 8259 8.1)
// and JSON of Unicode strings, and the value must match the schema.
function ajvAccepts(bytes) {
  let value;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    return { ok: false, why: `not JSON: ${e.message}` };
  }
  if (!wellFormed(value)) return { ok: false, why: 'a string holds half of a surrogate pair' };
  return { ok: check(value), why: ajv.errorsText(check.errors) };
}

const groups = new Map();
let disagreements = 0;
for (const r of results) {
  const group = r.source.includes('/corpus/') ? 'corpus' : path.basename(r.source).startsWith('valid') ? 'valid' : 'violations';
  groups.set(group, (groups.get(group) ?? 0) + 1);
  const kitErrors = r.diagnostics.filter(d => d.severity === 'error' && expressed.has(d.rule)).map(d => d.rule);
  const kitAccepts = kitErrors.length === 0;
  const verdict = ajvAccepts(payload(r.source, r.record));
  if (verdict.ok === kitAccepts) continue;
  if (++disagreements <= 20)
    console.log(`DISAGREE ${r.source}${r.record === null ? '' : ':' + r.record}: ajv ${verdict.ok ? 'accepts' : 'rejects'}` +
                `${verdict.ok ? '' : ' (' + verdict.why + ')'}, kit ${kitAccepts ? 'reports no expressed error' : 'reports ' + kitErrors.join(', ')}`);
}
const counts = [...groups].map(([g, n]) => `${g} ${n}`).join(', ');
console.log(`schema vs kit: ${results.length} inputs (${counts}), ${disagreements} disagreements`);
process.exit(disagreements === 0 && results.length > 0 ? 0 : 1);
