#!/usr/bin/env bash
# The CI formats of validate, replay and corpus (issue 13): JUnit XML valid against
# tests/data/schemas/junit.xsd (xmllint) and read back by junitparser with the counts of the JSON
# output; SARIF valid against the official SARIF 2.1.0 schema (ajv) with no finding of Microsoft's
# SARIF multitool (rule kinds Gh and Sarif, levels error and warning), one result a finding;
# GitHub annotations one command a finding; and the three outputs of tests/data/formats/hostile.json
# equal to their golden files once times and the %SRCROOT% folder are normalised.
#   tests/formats/formats.sh CLI WORKDIR        (UPDATE_GOLDEN=1 rewrites the golden files)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/require.sh"
require node ajv multitool xmllint junitparser
# The CLI as an absolute path: meson passes it relative to the build folder, and this cds away.
cli=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") work=$2
root=$(cd "$here/../.." && pwd)
cd "$root"
rm -rf "$work" && mkdir -p "$work"
multitool=$TESTS_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
# The multitool is a self-contained .NET program: no ICU needed for what it does here.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# run NAME VERB ARGS...: the verb's JSON output, then each format into a file (--output).
run() {
  local name=$1; shift
  "$cli" "$@" --format json > "$work/$name.json" || [ $? -eq 1 ]
  for f in junit sarif github; do
    "$cli" "$@" --format $f --output "$work/$name.$f" > "$work/$name.$f.stdout" || [ $? -eq 1 ]
    [ -s "$work/$name.$f.stdout" ] && fail "$name: --output $f also wrote to standard output"
  done
  local counts
  counts=$(node -e '
    const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const findings = d.results.reduce((n, r) => n + r.diagnostics.length, 0);
    const notes = d.results.filter(r => r.omitted).length;
    console.log(d.summary.inputs, d.summary.invalid, findings, notes, d.summary.skipped.length);' "$work/$name.json")
  read -r inputs invalid findings notes skipped <<< "$counts"
  echo "== $name: $inputs inputs, $invalid invalid, $findings findings"

  xmllint --noout --schema tests/data/schemas/junit.xsd "$work/$name.junit" || fail "$name: JUnit XML not valid"
  /usr/bin/python3 "$here/check_junit.py" "$work/$name.junit" "$inputs" "$invalid" "$skipped" || fail "$name: JUnit counts"

  node "$here/check_sarif.mjs" "$work/$name.sarif" || fail "$name: SARIF not valid"
  local results cuts skips
  read -r results cuts skips <<< "$(node -e '
    const run = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0];
    const notes = run.invocations[0].toolExecutionNotifications ?? [];
    const skips = notes.filter(n => n.level === "note").length;
    console.log(run.results.length, notes.length - skips, skips);' "$work/$name.sarif")"
  [ "$results" = "$findings" ] || fail "$name: $results SARIF results for $findings findings"
  [ "$cuts" = "$notes" ] || fail "$name: $cuts SARIF notifications for $notes inputs cut by --max-findings"
  [ "$skips" = "$skipped" ] || fail "$name: $skips SARIF notes for $skipped files skipped"
  # The multitool exits 0 whatever it finds: its own SARIF log says.
  "$multitool" validate --rule-kind "Gh;Sarif" --level "Error;Warning" --output "$work/$name.multitool.sarif" \
    "$work/$name.sarif" > "$work/$name.multitool.txt" 2>&1 || true
  if [ ! -f "$work/$name.multitool.sarif" ]; then
    fail "$name: the SARIF multitool wrote no log: $(head -5 "$work/$name.multitool.txt")"
    return
  fi
  local reported
  reported=$(node -e '
    const l = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const r of l.runs[0].results) console.log(r.ruleId, r.level, JSON.stringify(r.message.arguments ?? r.message.text));' \
    "$work/$name.multitool.sarif")
  [ -z "$reported" ] || fail "$name: the SARIF multitool reports:"$'\n'"$reported"

  local commands other
  commands=$(grep -c '^::\(error\|warning\|notice\) ' "$work/$name.github" || true)
  other=$(grep -vc '^::\(error\|warning\|notice\) ' "$work/$name.github" || true)
  [ "$commands" = "$((findings + notes))" ] || fail "$name: $commands annotations for $findings findings and $notes notes"
  [ "$other" = 1 ] || fail "$name: $other lines besides the annotations, expected the summary alone"
}

hostile=tests/data/formats/hostile.json
run validate validate "$hostile" corpus/docs corpus/sequences/valid/interleaved-two-jobs.jsonl \
  corpus/sequences/valid/browser-capture.har
run replay replay corpus/sequences/invalid/seq/time corpus/sequences/valid/interleaved-two-jobs.jsonl
run corpus corpus corpus tests/data/formats/mismatch-corpus
run cut validate --max-findings 1 "$hostile" corpus/sequences/valid/interleaved-two-jobs.jsonl
[ "$notes" -ge 1 ] || fail "cut: --max-findings 1 cut no input's findings" # run() read $notes

# Golden files: the three formats of one hostile payload, with times and the folder normalised.
normalise() { sed -e 's/time="[0-9.]*"/time="T"/g' -e "s|\"uri\":\"file://[^\"]*/\"|\"uri\":\"file:///SRCROOT/\"|"; }
for f in junit sarif github; do
  "$cli" validate "$hostile" --format $f | normalise > "$work/hostile.$f" || true
  golden=tests/data/formats/hostile.$f
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/hostile.$f" "$golden"; fi
  diff -u "$golden" "$work/hostile.$f" || fail "hostile.json as $f differs from $golden"
done

[ $failed = 0 ] && echo "formats: all checks passed"
exit $failed
