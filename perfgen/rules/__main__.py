"""``python -m perfgen.rules [docs/checks.md]``: rewrite the generated rule reference."""

import sys
from pathlib import Path

from perfgen.rules.reference import updated

target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/checks.md")
target.write_text(updated(target.read_text(encoding="utf-8")), encoding="utf-8")
sys.stdout.write(f"{target}: 已更新\n")
