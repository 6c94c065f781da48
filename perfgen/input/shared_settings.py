"""Settings shared by many units: one framework a finance bureau gives all its units.

A shared settings file is a YAML file with one key, ``settings:``, holding what a unit's own
``settings:`` may hold (grade bands, score caps, thresholds, formula choices, sentence
switches, list styles, fonts). A unit uses it through ``perfgen … --settings FILE`` or the key
``settings_file:`` in its YAML (relative to the YAML file; the option wins). The unit's own
``settings:`` then overrides it key by key: mappings are merged (a unit may change one font or
one threshold), everything else — numbers, switches, lists such as ``grade_bands`` or
``omit`` — is replaced.

The shared file is checked on its own first, so a mistake in it is reported at its own line,
not at every unit that uses it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from perfgen.errors import InputError
from perfgen.input.loader import load_file
from perfgen.input.model import Report
from perfgen.input.settings import Settings
from perfgen.input.validation import explain, without_pending
from perfgen.locations import Source
from perfgen.placeholders import is_placeholder


def named_file(source: Source, given: Path | None) -> Path | None:
    """The shared settings file a run uses: ``given`` (``--settings``), else the one the YAML
    names in ``settings_file`` (relative to the YAML file), else none."""
    if given is not None:
        return given
    data = source.data if isinstance(source.data, dict) else {}
    named = data.get("settings_file")
    if not isinstance(named, str) or not named or is_placeholder(named):
        return None
    return Path(source.file).parent / named


def load_shared(path: Path) -> tuple[dict[str, Any], Source]:
    """The ``settings`` mapping of a shared settings file, checked on its own.

    Raises:
        InputError: the file cannot be read or parsed, holds anything but ``settings:``, or
            its settings are invalid (each problem located in the shared file).
    """
    shared = load_file(path)
    data = shared.data
    if not isinstance(data, dict) or set(data) != {"settings"}:
        message = "共用设置文件应只有一个键 settings:（其下写各项设置），实际不是"
        raise InputError([shared.problem((), message)])
    settings = data["settings"]
    if not isinstance(settings, dict):
        raise InputError([shared.problem(("settings",), "settings 应为“键: 值”形式的映射")])
    try:
        Settings.model_validate(without_pending(settings, Settings))
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path_in = ("settings", *(k for k in error["loc"] if isinstance(k, int | str)))
            message = explain({**error, "loc": path_in}, Report)
            at_key = error["type"] == "extra_forbidden"  # an unknown key: point at the key
            problems.append(shared.problem(path_in, message, at_key=at_key))
        raise InputError(problems) from None
    return settings, shared


def merged(shared: dict[str, Any], own: Any) -> dict[str, Any]:
    """The shared settings with a unit's own ``settings`` over them, key by key: mappings are
    merged recursively, any other value replaces the shared one."""
    if not isinstance(own, dict):
        return dict(shared)
    out = dict(shared)
    for key, value in own.items():
        base = out.get(key)
        out[key] = (
            merged(base, value) if isinstance(base, dict) and isinstance(value, dict) else value
        )
    return out


def with_shared(source: Source, given: Path | None = None) -> Source:
    """``source`` with its shared settings applied (:func:`named_file`), or as it is.

    Raises:
        InputError: the shared file is missing or invalid (:func:`load_shared`).
    """
    path = named_file(source, given)
    if path is None:
        return source
    settings, _ = load_shared(path)
    data = dict(source.data) if isinstance(source.data, dict) else source.data
    if isinstance(data, dict):
        data["settings"] = merged(settings, data.get("settings"))
    return replace(source, data=data, shared_settings=str(path))
