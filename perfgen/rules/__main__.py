"""``python -m perfgen.rules [docs/checks.md [tests/fixtures/audit-verdicts.yaml]]``: rewrite
the generated rule reference, with the reviewer's precision figure of the judged findings."""

import sys
from pathlib import Path

from perfgen.rules.reference import VERDICTS, updated

target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/checks.md")
verdicts = Path(sys.argv[2]) if len(sys.argv) > 2 else target.parent.parent / VERDICTS
target.write_text(updated(target.read_text(encoding="utf-8"), verdicts), encoding="utf-8")
sys.stdout.write(f"{target}: 已更新\n")
