#!/usr/bin/env bash
# The generated JSON Schema proved against the kit (issue 13, point 6): ajv (strict, draft
# 2020-12, ajv-formats) with `tented-contract schema` over the whole corpus, 1,000 generated valid
# payloads and 10 payloads of every one-rule violation generator (sections 1 to 8), each judged
# again by `tented-contract validate`: ajv accepts exactly the inputs on which the kit reports no
# error of a rule the schema expresses. Then again with the warning-only formats and unknown
# members made errors, so that their patterns and `additionalProperties` are proved too; and with
# `schema/type` off, so that a schema that leaves types unsaid is proved too.
#   tests/formats/schema.sh CLI WORKDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/require.sh"
require node ajv
cli=$1 work=$2
root=$(cd "$here/../.." && pwd)
rm -rf "$work" && mkdir -p "$work/violate"

"$cli" generate --count 1000 > "$work/valid.jsonl"
ids=$("$cli" rules | awk '$1 !~ /^(seq|capture)\// {print $1}')
for id in $ids; do
  "$cli" generate --violate "$id" --count 10 > "$work/violate/${id//\//_}.jsonl" 2>/dev/null
done
# Every payload of the corpus: whole files and the records of its logs (not option files).
find "$root/corpus" -type f \( -name '*.json' -o -name '*.jsonl' \) ! -name '*.options.json' | sort > "$work/corpus.txt"

agree() { # agree NAME CHECK-OPTIONS...
  local name=$1; shift
  "$cli" schema "$@" > "$work/$name.schema.json"
  "$cli" schema --expressed "$@" > "$work/$name.rules.txt"
  # Exit 1 (findings) is expected: most of these payloads are invalid.
  "$cli" validate --format json "$@" $(cat "$work/corpus.txt") "$work/valid.jsonl" "$work"/violate/*.jsonl \
    > "$work/$name.kit.json" || [ $? -eq 1 ]
  echo "== $name: $(wc -l < "$work/$name.rules.txt") rules expressed"
  node "$here/schema_agrees.mjs" "$work/$name.schema.json" "$work/$name.rules.txt" "$work/$name.kit.json"
}
agree defaults
agree strict --error format/template-id --error format/error-code --error schema/unknown-field
agree untyped --disable schema/type
