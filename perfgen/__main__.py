"""``python -m perfgen``: the same command line as ``perfgen``."""

from perfgen.cli import run

run()
