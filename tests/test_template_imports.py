"""The sandbox's shortcuts do not change what a template makes or may read: an ``import … with
context`` made once per render gives the module Jinja would give, an attribute's safety decided
once per type is the one the full check makes, and ``x.name`` read in place by the compiled code
is what :meth:`Sandbox.getattr` returns."""

from __future__ import annotations

import types
from collections.abc import MutableSequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
import pytest
from helpers import DATA

import perfgen
from perfgen.templating.composition import environment
from perfgen.templating.running import run
from perfgen.templating.sandbox import Sandbox


def jinja_renders(templates: dict[str, str], names: dict[str, Any]) -> str:
    """What Jinja's own immutable sandbox makes of the entry template (no perfgen code)."""
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(loader=jinja2.DictLoader(templates))
    return env.get_template("entry.jinja").render(names)


def perfgen_renders(tmp_path: Path, templates: dict[str, str], names: dict[str, Any]) -> str:
    for name, text in templates.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return run(environment(tmp_path), "entry.jinja", names)


CASES = {
    "state made at import stays the importer's own": {
        "lib.jinja": "{% set ns = namespace(n=0) %}"
        "{% macro bump() %}{% set ns.n = ns.n + 1 %}{{ ns.n | string }}{% endmacro %}",
        "entry.jinja": '{% import "lib.jinja" as a with context %}'
        '{% import "lib.jinja" as b with context %}{{ a.bump() }}{{ a.bump() }}{{ b.bump() }}',
    },
    "a macro sees the importer's value of a name it mentions": {
        "lib.jinja": "{% macro show() %}{{ x }}{% endmacro %}",
        "inner.jinja": '{% set x = "B" %}{% import "lib.jinja" as b with context %}{{ b.show() }}',
        "entry.jinja": '{% import "lib.jinja" as a with context %}{% include "inner.jinja" %}'
        "{{ a.show() }}",
    },
    "an include inside a macro sees the importer's whole context": {
        "lib.jinja": '{% macro show() %}{% include "part.jinja" %}{% endmacro %}',
        "part.jinja": "{{ y }}",
        "inner.jinja": '{% set y = "B" %}{% import "lib.jinja" as b with context %}{{ b.show() }}',
        "entry.jinja": '{% import "lib.jinja" as a with context %}{{ a.show() }}'
        '{% include "inner.jinja" %}',
    },
    "an importer's variable hides a global of that name": {
        "lib.jinja": "{% macro show() %}{{ cycler is string }}{% endmacro %}",
        "inner.jinja": '{% set cycler = "B" %}{% import "lib.jinja" as b with context %}'
        "{{ b.show() }}",
        "entry.jinja": '{% import "lib.jinja" as a with context %}{{ a.show() }}'
        '{% include "inner.jinja" %}',
    },
    "a local of the importer wins over its context": {
        "lib.jinja": "{% macro show() %}{{ x }}{% endmacro %}",
        "entry.jinja": '{% for x in ["1", "2"] %}{% import "lib.jinja" as a with context %}'
        "{{ a.show() }}{% endfor %}",
    },
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_import_with_context_makes_what_jinja_makes(tmp_path: Path, case: str) -> None:
    templates = CASES[case]
    names = {"x": "A", "y": "A"}
    assert perfgen_renders(tmp_path, templates, names) == jinja_renders(templates, names)


def test_the_bundled_macros_are_made_once_per_render(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    original = jinja2.Template.make_module

    def counted(self: jinja2.Template, *args: Any, **kwargs: Any) -> Any:
        made.append(self.name or "")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "make_module", counted)
    source = perfgen.load(DATA / "nansha-npc-office-2023.yaml")
    figures = perfgen.derive(source)
    perfgen.compose(source, figures)
    perfgen.compose(source, figures)
    # every part imports the macros with context; all see the same settings: one per render
    assert made == ["macros.md.jinja", "macros.md.jinja"]


def test_a_module_depends_on_the_names_its_filters_read(tmp_path: Path) -> None:
    (tmp_path / "lib.jinja").write_text("{% macro m(v) %}{{ v | wan }}{% endmacro %}", "utf-8")
    template = environment(tmp_path).get_template("lib.jinja")
    assert "settings" in (template.reads or ())  # type: ignore[attr-defined]


def test_a_filter_that_reads_the_context_unsaid_makes_every_import_anew() -> None:
    env = Sandbox()
    env.filters["f"] = jinja2.pass_context(lambda context, value: value)
    assert env.context_reads() is None
    template = env.from_string("{% macro m() %}{% endmacro %}")
    assert template.reads is None  # type: ignore[attr-defined]


class Honest:
    def method(self) -> str:
        return "m"


class Liar:
    """Tells ``isinstance`` it is a module."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return types.ModuleType


class Bag:
    def append(self, item: object) -> None:
        pass


def test_a_safety_decision_kept_per_type_is_the_full_checks() -> None:
    env = Sandbox()
    holder = types.SimpleNamespace(method=Honest().method, liar=Liar())
    for _ in range(2):
        assert env.getattr(holder, "method")() == "m"
        assert isinstance(env.getattr(holder, "liar"), jinja2.Undefined)
    kinds = {key[2] for key in env._decisions}
    assert types.MethodType in kinds and Liar not in kinds


def test_a_registration_as_mutable_is_seen_after_a_decision() -> None:
    env = Sandbox()
    bag = Bag()
    assert not isinstance(env.getattr(bag, "append"), jinja2.Undefined)
    MutableSequence.register(Bag)
    assert isinstance(env.getattr(bag, "append"), jinja2.Undefined)


def test_an_attribute_read_in_place_is_what_the_sandbox_returns(tmp_path: Path) -> None:
    class Model:
        text = "t"
        number = 3

        def model_dump(self) -> str:
            return "internal"

    template = (
        "{{ m.text }}|{{ m.number | string }}|{{ d.key }}|{{ '{}!'.format('f') }}"
        "|{{ m.missing is undefined }}|{{ m.model_dump is undefined }}"
        "|{{ m.__class__ is undefined }}|{{ [].append is undefined }}"
    )
    names = {"m": Model(), "d": {"key": "k"}}
    made = perfgen_renders(tmp_path, {"entry.jinja": template}, names)
    assert made == "t|3|k|f!|True|True|True|True"
