"""Reading the clerk's narrative: every text of the report, and the figures, counts and
enumerations written in it.

The rules of :mod:`perfgen.rules.narrative` compare what the narrative says with the structured
figures and with itself. This package only reads: :mod:`~perfgen.narrative.passages` collects
the texts with their field paths; :mod:`~perfgen.narrative.mentions` finds money amounts, rates,
counts and rate changes in them; :mod:`~perfgen.narrative.subjects` tells whether two counts
are about the same thing; :mod:`~perfgen.narrative.forms` reads the standard form's budget row
when it was copied cell by cell; :mod:`~perfgen.narrative.typos` tells whether two amounts are
one slip of the pen apart; :mod:`~perfgen.narrative.enumerations` and
:mod:`~perfgen.narrative.repeats` look at the shape of the text.
"""
