"""The compose stage: the one Jinja environment per template folder, and the tools around
templates.

- :func:`~perfgen.templating.composition.compose` — an input and its figures → the report's
  Markdown, through the bundled templates (``templates/``) and a unit's overrides
  (``--templates``); :mod:`~perfgen.templating.filters` writes every number and sign-dependent
  word.
- :mod:`~perfgen.templating.bundled` — the bundled templates' names and purposes, and
  ``perfgen templates list/export``.
- :func:`~perfgen.templating.lint.lint` — ``perfgen templates lint``: a static pass
  (:mod:`~perfgen.templating.scan`, :mod:`~perfgen.templating.types`) and a render in memory.
"""

from perfgen import lazy_exports

__all__ = ["compose"]

__getattr__ = lazy_exports(__name__, {"compose": "perfgen.templating.composition"})
