"""Every code block of the documentation pages, found with markdown-it-py (CommonMark)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[2]
#: The pages whose blocks are tested: the README and every page of the site (sub-folders too).
PAGES = [
    "README.md",
    *sorted(page.relative_to(ROOT).as_posix() for page in (ROOT / "docs").rglob("*.md")),
]

PYTHON = frozenset({"python", "py", "pycon"})
SHELL = frozenset({"bash", "sh", "shell", "console"})


@dataclass(frozen=True)
class Block:
    """One fenced (or indented) code block: where it is, its language and its text."""

    page: str
    line: int  # 1-based line of the opening fence
    lang: str  # the fence's info string's first word, "" when none
    text: str
    # `client=NAME` in the info string: the client (tests/clients/_venvs.py) whose venv runs it.
    client: str = ""

    @property
    def where(self) -> str:
        """`page:line`, the id a failure is reported under."""
        return f"{self.page}:{self.line}"


def page_blocks(page: str) -> list[Block]:
    """The code blocks of `page` (relative to the repository root), in order."""
    parser = MarkdownIt("commonmark")
    blocks = []
    for token in parser.parse((ROOT / page).read_text()):
        if token.type in ("fence", "code_block") and token.map is not None:
            words = token.info.split()
            lang = words[0].lower() if words else ""
            client = next((w.split("=", 1)[1] for w in words if w.startswith("client=")), "")
            blocks.append(Block(page, token.map[0] + 1, lang, token.content, client))
    return blocks


def all_blocks() -> list[Block]:
    """The code blocks of every page in PAGES."""
    return [block for page in PAGES for block in page_blocks(page)]
