"""The catalogue of figures is the one list: the reader's labels, the rules' names and
docs/figures.md are built from it, and every field it names exists."""

from __future__ import annotations

import re
import typing
from pathlib import Path

from pydantic import BaseModel

from perfgen.figures import catalogue
from perfgen.figures.reference import reference
from perfgen.input.model import Report
from perfgen.narrative import labels
from perfgen.reading import sentences
from perfgen.rules import finances

ROOT = Path(__file__).parent.parent


def test_docs_figures_is_generated_from_the_catalogue() -> None:
    text = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8")
    assert reference() in text, "python -m perfgen.figures.reference docs/figures.md"


def test_the_labels_are_the_catalogues() -> None:
    money = [(f.synonyms, f.key) for f in catalogue.MONEY if f.synonyms]
    rates = [(f.synonyms, f.key) for f in catalogue.RATES if f.synonyms]
    assert list(labels.MONEY_LABELS) == money
    assert list(labels.RATE_LABELS) == rates


def test_the_finances_are_found_in_one_place() -> None:
    assert labels.FIN is catalogue.FIN and sentences.FIN is catalogue.FIN
    assert finances.FIN is catalogue.FIN
    defined = [
        path
        for path in (ROOT / "perfgen").rglob("*.py")
        if re.search(r"^FIN(?::\s*FieldPath)?\s*=", path.read_text(encoding="utf-8"), re.M)
    ]
    assert defined == [ROOT / "perfgen" / "figures" / "catalogue.py"]


def _model(annotation: object) -> type[BaseModel] | None:
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def test_every_figure_names_a_field_of_the_input() -> None:
    """A stated figure's field; a computed rate's block (budget.adjustment_rate is placed on the
    budget, where the clerk would correct its inputs)."""
    for figure in catalogue.CATALOGUE:
        model: type[BaseModel] | None = Report
        path = (
            figure.path[:-1]
            if figure.key.startswith("budget.") and figure.computed
            else figure.path
        )
        for key in path:
            assert model is not None and key in model.model_fields, (figure.key, key)
            model = _model(model.model_fields[str(key)].annotation)


def test_keys_are_unique_and_names_are_chinese() -> None:
    keys = [f.key for f in catalogue.CATALOGUE]
    assert len(keys) == len(set(keys))
    assert all(re.search(r"[\u4e00-\u9fff]", f.name) for f in catalogue.CATALOGUE)
    assert catalogue.name_of("income.total") == "总收入"
    assert catalogue.short_of("budget.adjusted") == "调整后预算"
