"""How a batch stops on Ctrl-C or SIGTERM: the workers ignore the signal (a unit they have
started is finished, never cut off), the main process starts nothing more, and the batch ends
with :class:`Interrupted` once the manifest records what was done."""

from __future__ import annotations

import signal


class Interrupted(Exception):
    """A batch stopped by Ctrl-C or SIGTERM, after saving what it finished.

    Attributes:
        done: Units rendered (or skipped as unchanged) before the batch stopped.
        total: Units of the batch.
        code: The exit code: 130 for Ctrl-C, 143 for SIGTERM.
    """

    def __init__(self, done: int, total: int, code: int) -> None:
        super().__init__(f"已中断：完成 {done} 个单位，共 {total} 个")
        self.done, self.total, self.code = done, total, code


def quiet_worker() -> None:
    """A worker ignores Ctrl-C and SIGTERM: the main process decides when the batch stops,
    and a unit a worker has started is finished, never cut off in the middle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
