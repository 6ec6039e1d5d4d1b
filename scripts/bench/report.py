"""`make bench`'s rows, their targets, and the table they make (printed, JSON, Markdown)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = [
    "NO_PROFILE",
    "REPORTED",
    "Row",
    "Target",
    "at_most",
    "markdown_table",
    "text_table",
    "update_readme",
    "write",
]

# The README's latest run lies between these two lines; a full `make bench` rewrites it.
README_START = "<!-- bench:latest:start -->"
README_END = "<!-- bench:latest:end -->"

# The profile of rows that send nothing through the delay proxy (imports, memory, the server).
NO_PROFILE = "none"


@dataclass
class Row:
    """One measured value of ours beside the official client's, and whether it met its target."""

    name: str
    ours: float | None
    official: float | None
    unit: str
    ratio: float | None
    target: str
    met: bool | None
    profile: str = NO_PROFILE
    ours_spread: float | None = None
    official_spread: float | None = None


@dataclass(frozen=True)
class Target:
    """A target's text, and whether (ours, ratio) meets it."""

    text: str
    check: Callable[[float, float | None], bool]


def at_most(limit: float, of: str = "ratio") -> Target:
    """`ratio <= limit` (of="ratio") or `ours <= limit` (of="ours")."""
    if of == "ratio":
        return Target(f"ratio <= {limit:g}", lambda _, ratio: ratio is not None and ratio <= limit)
    return Target(f"ours <= {limit:g}", lambda ours, _: ours <= limit)


REPORTED = Target("reported", lambda *_: True)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.4g}"


def text_table(rows: Iterable[Row]) -> str:
    """The table as plain text, for the terminal."""
    header = (
        f"{'scenario':72} {'profile':>8} {'ours':>10} {'official':>10} {'unit':>6}"
        f" {'ratio':>7}  target"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        ratio = f"{r.ratio:.3f}" if r.ratio is not None else "-"
        mark = {True: "met", False: "MISSED", None: ""}[r.met]
        lines.append(
            f"{r.name:72} {r.profile:>8} {_num(r.ours):>10} {_num(r.official):>10} {r.unit:>6}"
            f" {ratio:>7}  {r.target} {mark}"
        )
    return "\n".join(lines) + "\n"


def markdown_table(rows: Iterable[Row]) -> str:
    """The table as Markdown, for the README's Performance section."""
    lines = [
        "| scenario | profile | ours | official | unit | ratio (ours / official) | target | met |",
        "|---|---|---:|---:|---|---:|---|---|",
    ]
    for r in rows:
        met = {True: "yes", False: "**no**", None: ""}[r.met]
        lines.append(
            f"| {r.name} | {r.profile} | {_num(r.ours)} | {_num(r.official)} | {r.unit}"
            f" | {_num(r.ratio)} | {r.target} | {met} |"
        )
    return "\n".join(lines) + "\n"


def write(rows: list[Row], out: Path) -> None:
    """`out`/results.json (one object per row) and `out`/results.md."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n")
    (out / "results.md").write_text(markdown_table(rows))


def update_readme(readme: Path, rows: list[Row], command: str, minutes: float, where: str) -> bool:
    """Put the latest run (its command, duration, machine and table) between the README's
    markers; False, and nothing written, where it has none."""
    text = readme.read_text()
    if README_START not in text or README_END not in text:
        return False
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    latest = (
        f"The latest run (`{command}`, {minutes:.1f} minutes on a {where}; median of the"
        f" repeats, ratios ours / official):\n\n{markdown_table(rows)}"
    )
    readme.write_text(f"{head}{README_START}\n{latest}{README_END}{tail}")
    return True
