"""Rewrite the rules table in README.md from the registry (`articlelint rules --format
markdown --all`). Run after adding or merging rules: python scripts/rules_table.py"""

import re
import subprocess
import sys
from pathlib import Path

readme = Path(__file__).resolve().parent.parent / "README.md"
table = subprocess.run([sys.executable, "-m", "lint", "rules", "--format", "markdown", "--all"],
                       capture_output=True, text=True, check=True).stdout
text = readme.read_text(encoding="utf-8")
new, n = re.subn(r"(<!-- rules-table:start -->\n).*?(<!-- rules-table:end -->)",
                 lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
if n != 1:
    sys.exit("README.md: rules-table markers not found")
readme.write_text(new, encoding="utf-8")
print(f"README.md: {table.count(chr(10)) - 2} rules")
