# Sourced by the format tests: `require WHAT...` fails the test, saying what is missing and how to
# get it, when a tool it runs is not there (a test that cannot run its tool never passes).
# TESTS_DIR is the tests/ folder (the node tools are pinned in tests/package.json).
TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

missing() {
  echo "FAIL: missing $1: run tools/install-deps (it installs $2)" >&2
  exit 1
}

require() {
  for what in "$@"; do
    case $what in
      node) command -v node >/dev/null || missing "node" "the Debian package nodejs" ;;
      ajv) [ -f "$TESTS_DIR/node_modules/ajv/package.json" ] && [ -f "$TESTS_DIR/node_modules/ajv-formats/package.json" ] ||
             missing "ajv and ajv-formats in tests/node_modules" "them with npm ci in tests/" ;;
      multitool) [ -x "$TESTS_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ] ||
             missing "the SARIF multitool in tests/node_modules" "@microsoft/sarif-multitool with npm ci in tests/" ;;
      prism) [ -x "$TESTS_DIR/node_modules/.bin/prism" ] ||
             missing "Stoplight's Prism in tests/node_modules" "@stoplight/prism-cli with npm ci in tests/" ;;
      curl) command -v curl >/dev/null || missing "curl" "the Debian package curl" ;;
      xmllint) command -v xmllint >/dev/null || missing "xmllint" "the Debian package libxml2-utils" ;;
      junitparser) /usr/bin/python3 -c 'import junitparser' 2>/dev/null ||
             missing "the Python module junitparser for /usr/bin/python3" "the Debian package python3-junitparser" ;;
      *) echo "require.sh: unknown tool $what" >&2; exit 2 ;;
    esac
  done
}
