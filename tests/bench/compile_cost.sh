#!/usr/bin/env bash
# What one test file that uses the kit's Catch2 matchers and RapidCheck generators costs to
# compile, against the same file with Catch2 and RapidCheck alone (issue: "testing headers that
# compile fast", at most 2x the time and memory). Three files, each at -O0 and -O2:
#   alone     Catch2 + RapidCheck, a property over a generated string and a Catch2 string matcher;
#   separate  the kit's testing/catch2.hpp and testing/rapidcheck.hpp under
#             TENTED_CONTRACT_SEPARATE_COMPILATION: a property over gen_bulk_job() checked with
#             is_valid_bulk_job(), and REQUIRE_THAT on text;
#   header    the same file header-only (no macro): every body compiled in the file.
# plus testing/src.hpp, which separate compilation compiles once per program, measured once.
# Prints, per file and level, the median wall seconds, CPU seconds (user + system) and peak
# resident memory (/usr/bin/time) over REPEATS runs, the three files run back to back in each
# repeat so that load from elsewhere falls on all three, and each one's ratios to `alone`. On a
# shared machine wall time follows the load; CPU time and memory hardly do.
# Usage: tests/bench/compile_cost.sh [REPEATS]   (default 3; CXX picks the compiler, default c++;
# Catch2 2, RapidCheck and Boost must be on the compiler's include path)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
include=$(cd "$here/../../include" && pwd)
repeats=${1:-3}
cxx=${CXX:-c++}
[ -x /usr/bin/time ] || { echo "compile_cost.sh: needs GNU time as /usr/bin/time" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/alone.cpp" <<'CPP'
#include <catch2/catch.hpp>
#include <rapidcheck.h>
#include <rapidcheck/catch.h>

#include <string>

TEST_CASE("a generated value and a matcher", "[bench]")
{
    rc::prop("a generated string copies whole", [] {
        const auto s = *rc::gen::arbitrary<std::string>();
        RC_ASSERT(std::string(s) == s);
    });
    REQUIRE_THAT(std::string("{}"), Catch::Matchers::StartsWith("{"));
}
CPP
cat >"$work/kit.cpp" <<'CPP'
#include <tented/contract/testing/catch2.hpp>
#include <tented/contract/testing/rapidcheck.hpp>

#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <string>

TEST_CASE("a generated value and a matcher", "[bench]")
{
    rc::prop("a generated job is valid", [] {
        const auto job = *tented::contract::testing::gen_bulk_job();
        RC_ASSERT(tented::contract::testing::is_valid_bulk_job().match(job));
    });
    REQUIRE_THAT(std::string("{}"), !tented::contract::testing::is_valid_bulk_job());
}
CPP
echo '#include <tented/contract/testing/src.hpp>' >"$work/src.cpp"

# measure NAME LEVEL FILE [FLAGS...]: one compilation, appended to $work/NAME$LEVEL as
# "wall_seconds peak_KB cpu_seconds".
measure() {
  local name=$1 level=$2 file=$3
  shift 3
  /usr/bin/time -o "$work/last" -f '%e %M %U %S' "$cxx" -std=c++17 "$level" -I"$include" "$@" -c "$file" -o "$work/out.o"
  awk '{ print $1, $2, $3 + $4 }' "$work/last" >>"$work/$name$level"
}

# median FILE COLUMN: the median of one column of a measurement file.
median() { awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for level in -O0 -O2; do
  for _ in $(seq "$repeats"); do
    measure alone "$level" "$work/alone.cpp"
    measure separate "$level" "$work/kit.cpp" -DTENTED_CONTRACT_SEPARATE_COMPILATION
    measure header "$level" "$work/kit.cpp"
  done
  measure src "$level" "$work/src.cpp" -DTENTED_CONTRACT_SEPARATE_COMPILATION
done

echo "compile cost of one test file: $("$cxx" --version | head -n 1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median of $repeats runs (testing/src.hpp: 1 run); ratios against Catch2 + RapidCheck alone"
printf '%-5s %-43s %7s %7s %7s %7s %7s %7s\n' level file wall_s cpu_s rss_MB x_wall x_cpu x_rss
for level in -O0 -O2; do
  base_s=$(median "$work/alone$level" 1)
  base_kb=$(median "$work/alone$level" 2)
  base_cpu=$(median "$work/alone$level" 3)
  for name in alone separate header src; do
    case $name in
      alone) label="Catch2 + RapidCheck alone" ;;
      separate) label="kit, TENTED_CONTRACT_SEPARATE_COMPILATION" ;;
      header) label="kit, header-only" ;;
      src) label="testing/src.hpp (once per program)" ;;
    esac
    s=$(median "$work/$name$level" 1)
    kb=$(median "$work/$name$level" 2)
    cpu=$(median "$work/$name$level" 3)
    awk -v l="$level" -v n="$label" -v s="$s" -v kb="$kb" -v cpu="$cpu" -v bs="$base_s" -v bkb="$base_kb" -v bcpu="$base_cpu" \
      'BEGIN { printf "%-5s %-43s %7.2f %7.2f %7.0f %7.2f %7.2f %7.2f\n", l, n, s, cpu, kb / 1024, s / bs, cpu / bcpu, kb / bkb }'
  done
done
