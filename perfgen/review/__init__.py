"""``perfgen review``: a district's reports as a static site for the finance bureau.

Every file given — published reports (.docx, .pdf, .txt) and YAML data files — is read and
checked as ``audit`` and ``check`` do it, by worker processes as in ``batch``
(:mod:`~perfgen.review.units`); a unit's 上年 figures are checked against its previous-year
report when that is among the files (rule ``prior-published``, :mod:`perfgen.rules.prior`); and a
folder is written that opens from the file system with no network
(:mod:`~perfgen.review.site`): ``index.html`` — the units' table, sortable and filterable, and
the charts (:mod:`~perfgen.review.charts`, SVG by matplotlib, the ``review`` extra) with their
data tables (:mod:`~perfgen.review.model`) — one page per unit with its report marked
(:mod:`~perfgen.review.pages`), and ``汇总.xlsx`` / ``汇总.json`` as ``batch`` writes them.
"""

from perfgen.review.site import Progress, Reviewed, plan_review, review

__all__ = ["Progress", "Reviewed", "plan_review", "review"]
