#!/usr/bin/env bash
# The whole test suite on a fresh machine: a virtualenv with articlelint and its test
# dependencies, then pytest. (LanguageTool's server jars are provisioned by the tests that
# need them, from Maven Central, into ~/.cache/articlelint.)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${ARTICLELINT_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
"$VENV/bin/python" -m pip install -q -e '.[test]'
set +e
"$VENV/bin/python" -m pytest "$@"
status=$?
set -e
# pytest's 5 means "no tests ran": a failure here, never a pass
if [ "$status" -eq 5 ]; then echo "no tests ran" >&2; exit 1; fi
exit "$status"
