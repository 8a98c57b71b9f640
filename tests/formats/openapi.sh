#!/usr/bin/env bash
# The OpenAPI 3.1 document of `tented-contract schema --openapi` loaded by a tool nobody here
# wrote (issue 13, point 5): Stoplight's Prism mocks it on 127.0.0.1; the mock answers the
# endpoint 200 with a bearer token (a body `tented-contract validate` finds valid), 401 without,
# 400 for a bulkJobId that is no ULID, and Prism reports no violation of the document's own
# schema by the body it answers.
#   tests/formats/openapi.sh CLI WORKDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/require.sh"
require node prism curl
cli=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

"$cli" schema --openapi > "$work/openapi.json"
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
# Bounded: Prism is stopped at the end, and in any case after 60 s.
timeout 60 "$TESTS_DIR/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$port" "$work/openapi.json" > "$work/prism.log" 2>&1 &
prism=$!
trap 'kill $prism 2>/dev/null || true; wait $prism 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "Prism is listening" "$work/prism.log" && break
  kill -0 $prism 2>/dev/null || { cat "$work/prism.log"; echo "FAIL: Prism did not load the document"; exit 1; }
  sleep 0.3
done
grep -q "Prism is listening" "$work/prism.log" || { cat "$work/prism.log"; echo "FAIL: Prism did not start in 30 s"; exit 1; }

url=http://127.0.0.1:$port/v1/bulk-jobs
get() { # get NAME PATH CURL-ARGS...: the status code; the body in WORKDIR/NAME.json
  local name=$1 path=$2; shift 2
  curl -s --max-time 10 -o "$work/$name.json" -w '%{http_code}' "$@" "$url/$path"
}
code=$(get ok 01JQZB4H8A7T5B3R2W1X9Y6Z0K -H 'Authorization: Bearer test-token')
[ "$code" = 200 ] || fail "with a bearer token: status $code, expected 200"
"$cli" validate "$work/ok.json" > "$work/ok.validate.txt" || fail "the mocked body: tented-contract validate: $(cat "$work/ok.validate.txt")"
code=$(get anonymous 01JQZB4H8A7T5B3R2W1X9Y6Z0K)
[ "$code" = 401 ] || fail "without a bearer token: status $code, expected 401"
code=$(get malformed not-a-ulid -H 'Authorization: Bearer test-token')
[ "$code" = 400 ] || fail "with a malformed bulkJobId: status $code, expected 400"

if grep -q "Violation: response" "$work/prism.log"; then
  fail "Prism finds its answer violates the document: $(grep "Violation: response" "$work/prism.log")"
fi
[ $failed -eq 0 ] && echo "Prism $("$TESTS_DIR/node_modules/.bin/prism" --version) mocked the OpenAPI document: 200, 401, 400 as expected"
exit $failed
