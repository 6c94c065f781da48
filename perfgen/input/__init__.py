"""The first two stages: a clerk's YAML file loaded (``load``) and validated (``validate``).

Public functions, each in its module (this ``__init__`` imports none of them, so that a command
loads only the modules it uses — the schema's pydantic models are the costliest import):

- :func:`perfgen.input.loader.load_file` / :func:`~perfgen.input.loader.load_text` — safe
  YAML → plain data with the line and column of every node (a
  :class:`~perfgen.locations.Source`); numbers as ``Decimal`` from their text; bounded.
- :func:`perfgen.input.shared_settings.with_shared` — a bureau's shared settings file merged
  under the unit's own ``settings:``.
- :func:`perfgen.input.validation.validate` — data → :class:`~perfgen.input.validation.Input`
  (the frozen :class:`~perfgen.input.model.Report`, its positions, the pending 【待填写】 paths);
  the schema is :mod:`~perfgen.input.model` (with :mod:`~perfgen.input.finances`,
  :mod:`~perfgen.input.settings`, :mod:`~perfgen.input.values`).
- :func:`perfgen.input.evaluation_table.attach_table` — the 自评表 read from an Excel workbook
  (:mod:`~perfgen.input.sheet`, columns of :mod:`~perfgen.input.table_layout`).
- Tools around the input file: :func:`perfgen.input.schema.schema_text` (JSON Schema),
  :func:`perfgen.input.scaffold.scaffold` / :func:`~perfgen.input.scaffold.init`
  (``perfgen init``), :func:`perfgen.input.rollover.rollover` (next year's draft, through the
  comment-keeping round trip of :mod:`~perfgen.input.roundtrip`).
"""
