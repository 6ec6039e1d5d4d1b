"""The commands of a shell block, and for each, whether it is run or only checked, and how.

A bash block's commands are its lines (a console block's, its `$ ` lines; the others are their
output). A `# comment` is prose, except a `# [--option ...]` line, which adds options to the
command above it (checked as that command's).

Run: every command, with `[--option VALUE]` groups unwrapped and placeholders (`BATCH_ID`, ...)
replaced, through `bash -o pipefail -c` against the local cloud; it must exit 0.

Checked, because it cannot run in a test (it installs, clones, serves forever or edits $HOME):
- `pip install REQ...`: each requirement is this repository (`.`, a path to a clone, or
  `pasqal-sdk @ git+<the repository>`), never PyPI's `pasqal-sdk` (0.2.0, Pasqal's earlier SDK,
  module `sdk`), and names only extras that pyproject.toml declares; `pip wheel .` builds this
  repository;
- `make TARGET...`: each target is in the Makefile;
- `git clone URL`: URL is the repository's (pyproject.toml's Source);
- `chmod 600 ~/.pasqal/config`: the mode and path the SDK's own error asks for;
- `export NAME=VALUE...`: each NAME is a variable the SDK reads (`PASQAL_*` of its config);
- `pasqal-sdk local serve ...` (or `python -m pasqal_sdk.local serve`): `--help` runs and lists
  every option the line names, and those of the `# [--option ...]` comment lines under it;
- `dask scheduler ...`, `dask worker ...` (also after `srun [its options]`, on Slurm): the same,
  with `dask scheduler --help` or `dask worker --help` (the `dask` extra's commands).
"""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import metadata
from pathlib import Path

from pasqal_sdk._config import CONFIG_KEYS
from tests.docs_support.blocks import ROOT, Block

# From the installed package's metadata, which pyproject.toml writes (the venv is editable).
_METADATA = metadata("pasqal-sdk")
REPOSITORY = dict(url.split(", ", 1) for url in _METADATA.get_all("Project-URL") or [])["Source"]
EXTRAS = frozenset(_METADATA.get_all("Provides-Extra") or [])
_REQUIREMENT = re.compile(r"^(?P<name>[^\[\s@]+)(\[(?P<extras>[^\]]*)\])?(\s*@\s*(?P<url>\S+))?$")
_OPTION = re.compile(r"--[a-z][a-z0-9-]*")
_OPTIONAL_GROUP = re.compile(r"\[(--[^\]]*)\]")


@dataclass(frozen=True)
class Command:
    """One command of a shell block: its line in the page, its text, options named under it."""

    block: Block
    line: int
    text: str
    comment_options: tuple[str, ...] = field(default=())

    @property
    def where(self) -> str:
        """`page:line` of the command itself."""
        return f"{self.block.page}:{self.line}"

    @property
    def words(self) -> list[str]:
        """The command split as a shell would."""
        return shlex.split(self.text)

    @property
    def disposition(self) -> str:
        """`run`, or `check:<rule>` for a command that cannot run in a test."""
        words = self.words
        if words[:2] == ["pip", "install"] or words[:4] == ["python", "-m", "pip", "install"]:
            return "check:pip-install"
        if words[:2] == ["pip", "wheel"] or words[:4] == ["python", "-m", "pip", "wheel"]:
            return "check:pip-wheel"
        if words[0] == "make":
            return "check:make-target"
        if words[:2] == ["git", "clone"]:
            return "check:git-clone"
        if words[0] == "chmod":
            return "check:chmod"
        if words[0] == "export":
            return "check:export"
        if words[:3] == ["pasqal-sdk", "local", "serve"] or words[:4] == [
            "python",
            "-m",
            "pasqal_sdk.local",
            "serve",
        ]:
            return "check:serve-help"
        if _dask_command(words):
            return "check:dask-help"
        return "run"


def _dask_command(words: list[str]) -> list[str]:
    """`dask scheduler|worker ...` of the line (after `srun` and its options), else []."""
    if words[:1] == ["srun"]:
        words = words[next((i for i, w in enumerate(words) if w == "dask"), len(words)) :]
    return words if words[:1] == ["dask"] and words[1:2] in (["scheduler"], ["worker"]) else []


def _strip_comment(line: str) -> tuple[str, str]:
    """`line` split into its command and its `# comment` (outside quotes)."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].rstrip(), line[index + 1 :].strip()
    return line.rstrip(), ""


def commands(block: Block) -> list[Command]:
    """The commands of a bash block (every line) or a console block (the `$ ` lines)."""
    found: list[Command] = []
    for offset, raw in enumerate(block.text.splitlines(), start=1):
        line = raw.strip()
        if block.lang == "console":
            if not line.startswith("$ "):
                continue  # the command's output
            line = line[2:]
        text, comment = _strip_comment(line)
        if text:
            found.append(Command(block, block.line + offset, text))
        elif comment.startswith("[") and found:  # `# [--opt X]`: more options of the last one
            last = found[-1]
            options = (*last.comment_options, *_OPTION.findall(comment))
            found[-1] = Command(last.block, last.line, last.text, options)
    return found


def runnable(command: Command, placeholders: Mapping[str, str]) -> str:
    """The command as run: optional groups unwrapped, placeholders replaced by real values."""
    text = _OPTIONAL_GROUP.sub(r"\1", command.text)
    for name, value in placeholders.items():
        text = re.sub(rf"\b{name}\b", shlex.quote(value), text)
    return text


def run(
    command: Command, placeholders: Mapping[str, str], env: Mapping[str, str], cwd: Path
) -> None:
    """Run the command; AssertionError with its output unless it exits 0."""
    text = runnable(command, placeholders)
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", text],
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, (
        f"{command.where}: `{text}` exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    )


def check(command: Command, env: Mapping[str, str]) -> None:
    """Check a command that cannot run in a test, by its rule (see the module's docstring)."""
    rule = command.disposition.removeprefix("check:")
    words = command.words
    where = f"{command.where}: `{command.text}`"
    if rule == "pip-install":
        requirements = [w for w in words[words.index("install") + 1 :] if not w.startswith("-")]
        assert requirements, f"{where}: installs nothing"
        for requirement in requirements:
            _check_requirement(requirement, where)
    elif rule == "pip-wheel":
        assert "." in words, f"{where}: build the wheel of this repository (`.`)"
    elif rule == "make-target":
        makefile = (ROOT / "Makefile").read_text()
        for target in (w for w in words[1:] if "=" not in w and not w.startswith("-")):
            assert re.search(rf"^{re.escape(target)}:", makefile, re.M), (
                f"{where}: the Makefile has no target {target!r}"
            )
    elif rule == "git-clone":
        assert words[2].removesuffix(".git") == REPOSITORY, f"{where}: clone {REPOSITORY}"
    elif rule == "chmod":
        assert words[1:] == ["600", "~/.pasqal/config"], (
            f"{where}: the SDK asks for `chmod 600 ~/.pasqal/config`"
        )
    elif rule == "export":
        known = {*CONFIG_KEYS.values(), "PASQAL_PROFILE", "PASQAL_CONFIG_ROOT"}
        names = [w.partition("=")[0] for w in words[1:]]
        assert names, f"{where}: exports nothing"
        assert set(names) <= known, f"{where}: the SDK reads none of {sorted(set(names) - known)}"
    elif rule == "serve-help":
        _check_help(command, env, where)
    elif rule == "dask-help":
        dask = _dask_command(words)
        _check_help(Command(command.block, command.line, shlex.join(dask)), env, where, dask[:2])
    else:  # pragma: no cover - a rule named in `disposition` without a check here
        raise AssertionError(f"{where}: no check for rule {rule!r}")


def _check_requirement(requirement: str, where: str) -> None:
    match = _REQUIREMENT.match(requirement)
    assert match, f"{where}: cannot read requirement {requirement!r}"
    name, url = match["name"], match["url"]
    extras = {e.strip() for e in (match["extras"] or "").split(",") if e.strip()}
    assert extras <= EXTRAS, f"{where}: no extra {sorted(extras - EXTRAS)} in pyproject.toml"
    local = name == "." or name.startswith(("./", "/", "~")) or name.endswith(".whl")
    from_repository = name == "pasqal-sdk" and url is not None and REPOSITORY in url
    assert local or from_repository, (
        f"{where}: {requirement!r} would install PyPI's `pasqal-sdk` 0.2.0 (Pasqal's earlier SDK,"
        f" module `sdk`); install from a clone (`pip install '.[...]'`) or"
        f" `pasqal-sdk[...] @ git+{REPOSITORY}`"
    )


def _check_help(
    command: Command, env: Mapping[str, str], where: str, prefix: list[str] | None = None
) -> None:
    words = command.words
    prefix = prefix or words[: words.index("serve") + 1]
    done = subprocess.run(
        [*prefix, "--help"], env=dict(env), capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, f"{where}: `{' '.join(prefix)} --help` failed\n{done.stderr}"
    named = set(_OPTION.findall(command.text)) | set(command.comment_options)
    missing = sorted(option for option in named if option not in done.stdout)
    assert not missing, f"{where}: `{' '.join(prefix)} --help` has no {missing}"
