"""A batch's PDFs: each unit's .docx is written to a scratch folder inside the output folder,
then converted by one LibreOffice process per worker once every unit is rendered."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from perfgen.errors import PerfgenError

if TYPE_CHECKING:
    from perfgen.batch.plan import Options
    from perfgen.writers.summary import Outcome


SCRATCH = ".perfgen-pdf"
"""The folder (inside the output folder) that holds the .docx of PDFs still to convert; it is
removed when the batch ends, however it ends."""


def scratch_folder(folder: Path) -> Path:
    """The folder that holds the .docx of PDFs still to convert."""
    path = folder / SCRATCH
    path.mkdir(exist_ok=True)
    return path


def convert(
    outcomes: list[Outcome],
    folder: Path,
    options: Options,
    workers: int,
    converted: Callable[[str], None],
) -> list[Outcome]:
    """Convert the batch's new .docx to PDF: one LibreOffice process per worker."""
    import concurrent.futures
    import tempfile

    from perfgen.writers import pdf

    scratch = folder / SCRATCH
    pending = [o for o in outcomes if o.status == "done" and f"{o.name}.pdf" in o.outputs]
    if not pending:
        return outcomes
    sources = [scratch / f"{o.name}.docx" for o in pending]
    shares = [sources[n::workers] for n in range(workers) if sources[n::workers]]
    made: dict[Path, Path | None] = {}
    failure = ""
    with tempfile.TemporaryDirectory(prefix="perfgen-pdf-", dir=folder) as temporary:

        def done(source: Path) -> None:
            converted(source.stem)

        with concurrent.futures.ThreadPoolExecutor(max_workers=len(shares)) as pool:
            futures = [pool.submit(pdf.convert, share, Path(temporary), done) for share in shares]
            for future in futures:
                try:
                    made.update(future.result())
                except PerfgenError as exc:
                    failure = exc.for_user()
        for result in made.values():
            if result is not None:
                os.replace(result, folder / result.name)
    reasons = {s.stem: failure or "LibreOffice 未能转换为 PDF" for s in sources if not made.get(s)}
    return [
        dataclasses.replace(o, status="failed", failure=reasons[o.name]) if o.name in reasons else o
        for o in outcomes
    ]
