"""libyaml's safe loader, each node's tag resolved with less Python work.

PyYAML's C loader composes in C but calls back into Python for every node: ``resolve`` for its
tag, ``descend_resolver`` and ``ascend_resolver`` around it (the bookkeeping of path
resolvers, of which the safe loader has none). :data:`FAST_LOADER` answers those calls as
:class:`yaml.CSafeLoader` does: the same implicit resolvers (the YAML 1.1 patterns of bool,
int, float, null, timestamp, merge …), grouped by first character once per process, each answer
remembered (a bounded cache), no path bookkeeping — all of them C callables, so no Python
frame runs for them. It is ``yaml.CSafeLoader`` itself when PyYAML's resolvers are not the ones this
was written for (path resolvers or resolvers for any first character), ``None`` without
libyaml.
"""

from __future__ import annotations

import functools
import operator
from typing import Any

import yaml
from yaml.nodes import ScalarNode, SequenceNode


def _fast_loader() -> Any:
    base: Any = getattr(yaml, "CSafeLoader", None)
    if base is None or base.yaml_path_resolvers or None in base.yaml_implicit_resolvers:
        return base
    implicit = {first: tuple(found) for first, found in base.yaml_implicit_resolvers.items()}
    text, sequence, mapping = (
        base.DEFAULT_SCALAR_TAG,
        base.DEFAULT_SEQUENCE_TAG,
        base.DEFAULT_MAPPING_TAG,
    )

    @functools.lru_cache(maxsize=1024)
    def resolved(kind: Any, value: Any, flags: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if flags[0]:  # a plain scalar: its tag by the first pattern it matches
                for tag, pattern in implicit.get(value[:1], ()):
                    if pattern.match(value):
                        return str(tag)
            return str(text)
        return str(sequence if kind is SequenceNode else mapping)

    class FastLoader(base):  # type: ignore[misc]
        """:class:`yaml.CSafeLoader` with its resolver's answers looked up (module docstring).

        Each is a C callable, so libyaml's composer runs no Python frame for them: the path
        bookkeeping takes its arguments and does nothing (``operator.is_``, ``tuple``), and a
        tag already resolved in this process (a key like ``total``, a scalar like ``true``)
        is answered from a bounded cache without running ``resolved`` again.
        """

        descend_resolver = staticmethod(operator.is_)
        ascend_resolver = staticmethod(tuple)
        resolve = staticmethod(resolved)

    return FastLoader


FAST_LOADER: Any = _fast_loader()
"""The loader to compose with (module docstring)."""
