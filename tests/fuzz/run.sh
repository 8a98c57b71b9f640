#!/usr/bin/env bash
# Builds the fuzz targets (clang, libFuzzer + ASan + UBSan) and runs every one for SECONDS each
# (default 60), from seed corpora made at run time in a temporary folder out of corpus/ and
# JSONTestSuite's parsing cases (tests/data/jsontestsuite/test_parsing), with the dictionary
# contract.dict.
# Exits non-zero when any target reports a crash, a sanitizer finding, a leak, a timeout or a
# broken invariant; the input that caused it is kept in $FUZZ_BUILD_DIR/findings/.
#
#   tests/fuzz/run.sh [SECONDS]       (0: build, then run every seed once and stop)
#
# Environment:
#   FUZZ_BUILD_DIR  where the targets are built (default build-fuzz)
#   FUZZ_TARGETS    the targets to run (default: validate json_lines sequence har locate watch serve)
#   FUZZ_JOBS       how many targets run at once (default: the number of cores)
#   JSONTESTSUITE_DIR  JSONTestSuite's test_parsing folder (default tests/data/jsontestsuite/test_parsing)
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-60}
build=${FUZZ_BUILD_DIR:-build-fuzz}
targets=${FUZZ_TARGETS:-validate json_lines sequence har locate watch serve}
jobs=${FUZZ_JOBS:-$(nproc)}
suite=${JSONTESTSUITE_DIR:-tests/data/jsontestsuite/test_parsing}

case "$seconds" in '' | *[!0-9]*) echo "usage: tests/fuzz/run.sh [SECONDS]" >&2; exit 2 ;; esac

echo "== fuzz: build ($build)"
generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
cmake -S tests/fuzz -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER=clang++ > /dev/null
cmake --build "$build" -j "$(nproc)" --target $(for t in $targets; do echo "fuzz_$t"; done)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/findings"

# ---- seeds: copies made now, never committed ------------------------------------------------
for t in $targets; do mkdir -p "$work/seeds/$t" "$work/corpus/$t"; done
seed() { # seed TARGET: stdin becomes one seed file of TARGET, if that target runs
  if [ -d "$work/seeds/$1" ]; then cat > "$(mktemp "$work/seeds/$1/XXXXXXXX")"; else cat > /dev/null; fi
}
one_line() { tr -d '\r\n' < "$1"; echo; } # pretty JSON on one line (strings hold no raw newline)
har_entry() { # har_entry FILE JOB_ID SECOND: a 200 poll whose body is FILE, base64 encoded
  printf '{"startedDateTime":"2026-03-25T14:30:%02d.000Z","request":{"method":"GET","url":"https://api.tented.com/v1/bulk-jobs/%s"},"response":{"status":200,"content":{"mimeType":"application/json","encoding":"base64","text":"%s"}}}' \
    "$3" "$2" "$(base64 -w0 < "$1")"
}
job_id() { grep -o '"bulk_job_id": *"[^"]*"' "$1" | head -1 | sed 's/.*"\([^"]*\)"$/\1/'; }

payloads=$(find corpus -name '*.json' ! -name '*.options.json' ! -path '*/sequences/*' | sort)
for f in $payloads; do
  seed validate < "$f"
  seed sequence < "$f"
  one_line "$f" | seed json_lines
  { echo; cat "$f"; } | seed locate
  { echo "/items/0/status"; cat "$f"; } | seed locate
  { echo "/credits/pending_reconciliation"; cat "$f"; } | seed locate
done
if [ -d "$suite" ]; then
  for f in "$suite"/*.json; do
    seed validate < "$f"
    { echo "/0"; cat "$f"; } | seed locate
  done
else
  echo "note: $suite not found, seeding from corpus/ only"
fi
# Every poll sequence: a JSON Lines log, an RS-separated sequence, a HAR capture.
for dir in $(find corpus/sequences -type f -name '*.json' -exec dirname {} \; | sort -u); do
  files=$(find "$dir" -maxdepth 1 -name '*.json' ! -name '*.options.json' | sort)
  for f in $files; do one_line "$f"; done | seed json_lines
  first=1
  for f in $files; do [ $first = 1 ] || printf '\036'; first=0; cat "$f"; done | seed sequence
  second=0 entries=""
  for f in $files; do
    entries+="${entries:+,}$(har_entry "$f" "$(job_id "$f")" $second)"
    second=$((second + 1))
  done
  printf '{"log":{"version":"1.2","creator":{"name":"run.sh","version":"1"},"entries":[%s]}}' "$entries" | seed har
done
# watch: settings, then answers (STATUS LATENCY_MS, Retry-After, Location, body) split by RS.
for dir in $(find corpus/sequences -type f -name '*.json' -exec dirname {} \; | sort -u); do
  { echo "2000 60000 0 64 5 1"
    for f in $(find "$dir" -maxdepth 1 -name '*.json' ! -name '*.options.json' | sort); do
      printf '200 150\n\n\n'; cat "$f"; printf '\036'
    done; } | seed watch
done
faults=(
  '429 10\n1\n\n{}' '503 10\nSun, 06 Nov 1994 08:49:37 GMT\n\n' '429 0\nWed, 25 Mar 2026 14:30:09 GMT\n\n'
  '503 0\nWednesday, 25-Mar-26 14:31:00 GMT\n\n' '429 0\nWed Mar 25 14:30:30 2026\n\n' '500 20\n\n\n'
  '0 30000\n\n\n' '302 5\n\nhttps://elsewhere.example/v1/bulk-jobs/x\n' '401 5\n\n\n{"error":"unauthorized"}'
  'F 5\n\n\n' '200 5\n\n\n{"bulk_job_id": "01JQZB4H8A7T5B'
)
for fault in "${faults[@]}"; do
  { echo "1000 8000 20000 16 3 0"; printf "$fault"; printf '\036'; cat corpus/docs/completed.json; } | seed watch
done
for f in $(find corpus -name '*.jsonl' | sort); do seed json_lines < "$f"; done
for f in $(find corpus -name '*.har' | sort); do seed har < "$f"; done
# A HAR whose poll was answered 404, and one whose body is plain text rather than base64.
printf '{"log":{"entries":[{"request":{"method":"GET","url":"https://api.tented.com/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0K"},"response":{"status":404,"content":{"text":"{\\"error\\":\\"not found\\"}"}}}]}}' | seed har
printf '{"log":{"entries":[{"startedDateTime":"2026-03-25T14:30:00Z","request":{"method":"GET","url":"https://api.tented.com/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0K?x=1"},"response":{"status":200,"content":{"text":"%s"}}}]}}' \
  "$(one_line corpus/docs/in-progress.json | sed 's/\\/\\\\/g; s/"/\\"/g')" | seed har
# Requests to `serve`: each route, with and without the token, a fault's turn, a query, junk.
job=01JQZB4H8A7T5B3R2W1X9Y6Z0K
for r in "GET /v1/bulk-jobs/$job HTTP/1.1\r\nAuthorization: Bearer tnt_fuzz_S3CRET\r\n\r\n" \
         "GET /v1/bulk-jobs/$job?token=tnt_fuzz_S3CRET HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" \
         "GET /v1/bulk-jobs/..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nAuthorization: bearer tnt_fuzz_S3CRET\r\n\r\n" \
         "DELETE /v1/bulk-jobs/$job HTTP/1.0\r\n\r\n" \
         "POST /__admin/reset?job=$job HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc" \
         "GET /__admin/requests HTTP/1.1\r\n\r\n" \
         "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"; do
  printf "%b" "$r" | seed serve
done
for t in $targets; do echo "seeds: $t $(ls "$work/seeds/$t" | wc -l)"; done

# ---- run ------------------------------------------------------------------------------------
limit=(-max_total_time="$seconds")
[ "$seconds" -gt 0 ] || limit=(-runs=0) # libFuzzer reads max_total_time=0 as "no limit"
run_target() { # run_target NAME: runs it for $seconds, its log in $work/NAME.log
  "$build/fuzz_$1" "${limit[@]}" -dict=tests/fuzz/contract.dict -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$build/findings/$1-" \
    "$work/corpus/$1" "$work/seeds/$1" > "$work/$1.log" 2>&1
}

echo "== fuzz: run each target for ${seconds}s, $jobs at a time"
failed=()
pending=($targets)
while [ ${#pending[@]} -gt 0 ]; do
  batch=("${pending[@]:0:$jobs}")
  pending=("${pending[@]:$jobs}")
  pids=()
  for t in "${batch[@]}"; do run_target "$t" & pids+=($!); done
  for i in "${!batch[@]}"; do
    t=${batch[$i]}
    if wait "${pids[$i]}"; then status=ok; else status=FINDING; failed+=("$t"); fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
    corpus=$(ls "$work/corpus/$t" | wc -l)
    echo "fuzz_$t: $status, ${execs:-?} executions in ${seconds}s, $corpus new corpus inputs"
    if [ $status != ok ]; then
      grep -E "ERROR|SUMMARY|invariant broken|runtime error|Test unit written" "$work/$t.log" | head -20 || true
      cp "$work/$t.log" "$build/findings/$t.log"
    fi
  done
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs and logs in $build/findings/)" >&2
  exit 1
fi
echo "fuzz: no findings"
