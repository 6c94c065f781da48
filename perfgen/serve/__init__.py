"""``perfgen serve``: the draft as a live page (:class:`~perfgen.serve.preview.Preview`, built
through the pipeline's :class:`~perfgen.pipeline.Renderer`), a local server (:func:`start`) and
the file watching that refreshes it (:func:`changes`)."""

from perfgen.serve.preview import Preview, changes, start

__all__ = ["Preview", "changes", "start"]
