"""Progress of a wait, drawn with rich: done/total, a bar, elapsed time and ETA on stderr.

On a terminal or in Jupyter it is one live bar (in Jupyter, a widget where ipywidgets is installed,
else text on the cell's stream); elsewhere (a log file, CI) it is one plain line per change, so
that logs stay readable. rich loads only when progress is asked for.
"""

from __future__ import annotations

import importlib.util
import time
from typing import Any, TextIO

__all__ = ["ProgressBar", "short_id"]

#: How much of an id a live bar shows (a UUID's first group, unique enough to tell apart).
SHORT_ID = 8


def short_id(resource_id: str) -> str:
    """The id's first characters, as a live bar shows it."""
    return resource_id[:SHORT_ID]


def _duration(elapsed: float) -> str:
    minutes, seconds = divmod(round(elapsed), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ProgressBar:
    """`label done/total` with elapsed time and ETA, on `stream` (stderr by default).

    The live bar shows `short_label` (default: `label`), so that the count, elapsed time and
    ETA fit 80 columns; the plain lines show the whole `label`, never wrapped.
    """

    def __init__(
        self, label: str, stream: TextIO | None = None, *, short_label: str | None = None
    ) -> None:
        from rich.console import Console

        self.label = label
        self.short_label = short_label or label
        # In Jupyter, rich draws a live bar with ipywidgets; without them, plain lines on the
        # stream (rich would warn and show nothing).
        jupyter = None if importlib.util.find_spec("ipywidgets") else False
        self.console = Console(
            file=stream, stderr=stream is None, highlight=False, force_jupyter=jupyter
        )
        self._started = time.monotonic()
        self._last: tuple[int, int] | None = None
        self._live: Any = None
        self._task: Any = None

    @property
    def live(self) -> bool:
        """Whether the bar redraws in place (a terminal or Jupyter) or prints a line a change."""
        return bool(self.console.is_terminal or self.console.is_jupyter)

    def update(self, done: int, total: int, eta: float | None = None) -> None:
        if (done, total) == self._last:
            return
        self._last = (done, total)
        if not self.live:
            elapsed = _duration(time.monotonic() - self._started)
            left = "" if eta is None or done >= total else f", about {_duration(eta)} left"
            line = f"{self.label} {done}/{total} ({elapsed} elapsed{left})"
            self.console.print(line, soft_wrap=True)  # one whole line, whatever the width
            return
        if self._live is None:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._live = Progress(
                TextColumn("{task.description}"),
                BarColumn(bar_width=None),  # the room the other columns leave
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=self.console,
                transient=False,
            )
            self._live.start()
            self._task = self._live.add_task(self.short_label, total=total)
        self._live.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
