#!/usr/bin/env bash
# Builds and runs the consumer example (tests/consumer) the three ways a user gets the kit:
#   1. installed: configure and build the kit (the tool too), `cmake --install` it to a temporary
#      prefix, then the consumer finds it with find_package(tented-contract) through
#      CMAKE_PREFIX_PATH, and replays the corpus installed there;
#   2. vendored: the consumer's add_subdirectory on the kit's sources;
#   3. meson: the kit as the subproject subprojects/tented-contract, dependency('tented-contract').
# Usage: tests/consumer/run.sh [WORK_DIR]   (default: a temporary folder, removed at the end)
# Needs CMake (CMAKE_COMMAND picks one), meson, Boost.JSON, Catch2 2, RapidCheck, and for the tool
# CLI11 and libcurl. ctest runs it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kit=$(cd "$here/../.." && pwd)
work=${1:-}
if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
# Build folders are kept between runs (incremental); the prefix is always installed afresh.
rm -rf "$work/prefix"
mkdir -p "$work"

# The commands below are the ones docs/testing.md shows: plain `cmake`, with the
# generator and parallelism from the environment (CMake reads both).
if [ -n "${CMAKE_COMMAND:-}" ]; then PATH="$(dirname "$CMAKE_COMMAND"):$PATH"; fi
if [ -z "${CMAKE_GENERATOR:-}" ] && command -v ninja >/dev/null; then export CMAKE_GENERATOR=Ninja; fi
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}
unset CMAKE_PREFIX_PATH # only the prefix given below may provide the kit

echo "== 1. install the kit, with its tool and its corpus, to a temporary prefix"
prefix=$work/prefix
corpus=$prefix/share/tented-contract/corpus
# [install]
cmake -S "$kit" -B "$work/kit" -DTENTED_CONTRACT_TESTS=OFF -DCMAKE_BUILD_TYPE=Release
cmake --build "$work/kit"
cmake --install "$work/kit" --prefix "$prefix"
# [/install]
for f in include/tented/contract.hpp include/tented/contract/testing/catch2.hpp \
         include/tented/contract/testing/rapidcheck.hpp include/tented/contract/testing/server.hpp \
         share/cmake/tented-contract/tented-contract-config.cmake \
         share/cmake/tented-contract/tented-contract-config-version.cmake \
         share/cmake/tented-contract/tented-contract-targets.cmake \
         share/pkgconfig/tented-contract.pc bin/tented-contract \
         share/tented-contract/corpus/docs/in-progress.json \
         share/tented-contract/corpus/docs/completed.json \
         share/tented-contract/corpus/docs/completed-with-failures.json; do
  test -f "$prefix/$f" || { echo "run.sh: $prefix/$f was not installed" >&2; exit 1; }
done
version=$(sed -n 's/.*TENTED_CONTRACT_VERSION_STRING "\(.*\)"/\1/p' "$kit/include/tented/contract/version.hpp")
tool_version=$("$prefix/bin/tented-contract" --version)
if [ "$tool_version" != "tented-contract $version" ]; then
  echo "run.sh: $prefix/bin/tented-contract --version printed '$tool_version', not 'tented-contract $version'" >&2
  exit 1
fi
echo "$tool_version, from the prefix"
# The installed tool replays the installed corpus against its expected findings.
whole=$("$prefix/bin/tented-contract" corpus "$corpus")
echo "$whole"
if command -v pkg-config >/dev/null; then
  # The .pc file is relocatable: its include directory must be the prefix's, wherever installed.
  pc() { PKG_CONFIG_PATH="$prefix/share/pkgconfig" pkg-config "$@" tented-contract; }
  pc_include=$(pc --variable=includedir)
  if [ "$(cd "$pc_include" && pwd -P)" != "$(cd "$prefix/include" && pwd -P)" ]; then
    echo "run.sh: pkg-config gives includedir $pc_include, not $prefix/include" >&2
    exit 1
  fi
  if [ "$(cd "$(pc --variable=corpusdir)" && pwd -P)" != "$(cd "$corpus" && pwd -P)" ]; then
    echo "run.sh: pkg-config gives corpusdir $(pc --variable=corpusdir), not $corpus" >&2
    exit 1
  fi
  echo "pkg-config: $(pc --cflags) $(pc --libs) (version $(pc --modversion))"
  # Its Cflags name the corpus to installed_corpus_dir(), quoted for a shell (as make runs a
  # recipe), hence eval. They come after a C++20 project's own flags, which they must not lower.
  printf '%s\n' '#include <tented/contract/corpus.hpp>' '#include <iostream>' \
    'static_assert(__cplusplus >= 202002L, "pkg-config Cflags lowered the language standard");' \
    'int main() { std::cout << tented::contract::installed_corpus_dir().string() << "\n"; }' >"$work/corpus_dir.cpp"
  eval "${CXX:-c++} -std=c++20 $(pc --cflags) \"\$work/corpus_dir.cpp\" -o \"\$work/corpus_dir\" $(pc --libs)"
  pc_corpus=$("$work/corpus_dir")
  if [ "$(cd "$pc_corpus" && pwd -P)" != "$(cd "$corpus" && pwd -P)" ]; then
    echo "run.sh: installed_corpus_dir() built with pkg-config's Cflags gives $pc_corpus, not $corpus" >&2
    exit 1
  fi
  echo "installed_corpus_dir(), built with pkg-config's Cflags: $pc_corpus"
fi

echo "== 2. the consumer, finding the installed kit"
# [find_package]
cmake -S "$here" -B "$work/installed" -DCMAKE_PREFIX_PATH="$prefix"
cmake --build "$work/installed"
ctest --test-dir "$work/installed" --output-on-failure
# [/find_package]
grep -q "tented-contract_DIR:PATH=$prefix/share/cmake/tented-contract" "$work/installed/CMakeCache.txt" ||
  { echo "run.sh: the consumer did not use the installed package" >&2; exit 1; }
grep -qx "RECORDED_RESPONSES:PATH=$corpus" "$work/installed/CMakeCache.txt" ||
  { echo "run.sh: the consumer did not replay the installed corpus, $corpus" >&2; exit 1; }
# tented_contract_add_corpus_tests: three shards that together replay every case once.
shards=$(ctest --test-dir "$work/installed" -L tented-contract -V |
  sed -n 's/.*corpus: \([0-9]*\) passed, 0 failed, shard index [0-2] of 3$/\1/p' | paste -sd' ')
total=0
for n in $shards; do total=$((total + n)); done
if [ "$(echo $shards | wc -w)" != 3 ] || [ "corpus: $total passed, 0 failed" != "$whole" ]; then
  echo "run.sh: the three corpus shards passed '$shards', not the whole run's $whole" >&2
  exit 1
fi
echo "tented_contract_add_corpus_tests: shards of $shards cases, $whole"
# A project that compiles nothing runs the installed tool over the corpus all the same.
mkdir -p "$work/corpus-only-src"
cat > "$work/corpus-only-src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.21)
project(corpus_only NONE)
enable_testing()
find_package(tented-contract 0.1 CONFIG REQUIRED)
tented_contract_add_corpus_tests(NAME contract DIR "${TENTED_CONTRACT_CORPUS_DIR}" SHARDS 2)
CMAKE
cmake -S "$work/corpus-only-src" -B "$work/corpus-only" -DCMAKE_PREFIX_PATH="$prefix"
ctest --test-dir "$work/corpus-only" --output-on-failure
echo "a project of no language: its two corpus shards passed"

echo "== 3. the consumer, with the kit's sources in its tree"
# [add_subdirectory]
cmake -S "$here" -B "$work/vendored" -DTENTED_CONTRACT_SOURCE_DIR="$kit"
cmake --build "$work/vendored"
ctest --test-dir "$work/vendored" --output-on-failure
# [/add_subdirectory]
grep -qx "RECORDED_RESPONSES:PATH=$kit/corpus" "$work/vendored/CMakeCache.txt" ||
  { echo "run.sh: the consumer did not replay the corpus of the kit's sources, $kit/corpus" >&2; exit 1; }

echo "== 4. the consumer with meson, the kit as its subproject"
# A meson project finds subprojects in its own subprojects/ folder: a copy of the consumer gets
# one, a link to the kit's sources.
src=$work/meson-src
rm -rf "$src"
mkdir -p "$src/subprojects"
cp "$here"/meson.build "$here"/meson_options.txt "$here"/*.cpp "$here"/*.hpp "$src/"
ln -s "$kit" "$src/subprojects/tented-contract"
(cd "$src" &&
# [meson]
meson setup build
meson compile -C build
meson test -C build --print-errorlogs
# [/meson]
)

echo "== consumer: the three variants passed"
