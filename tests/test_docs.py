"""Every code block of README.md and docs/*.md runs, or is checked, against a local cloud.

Each block (or shell command) is one test, named `page:line <language or rule>`, so that the
list of tests is the list of what is run and what is only checked:

- **python**: the blocks of one page run in order in one namespace, in a fresh interpreter per
  page (a page may build a sequence in its first block and reuse it later). They must be
  complete as written; what talks to Pasqal Cloud reads its settings from `PASQAL_*`, which
  point at the local cloud (`SDK()` reads them by itself). A block whose fence says
  `client=NAME` (`python client=qrmi`) runs with the page's other blocks for that client, in
  the client's own venv (tests/clients/_venvs.py; `pasqal-cloud`: the official client's); the
  big clients (CUDA-Q, qoolqit) only where they run (`make test-clients`), else compiled. A
  block whose first line is `# Needs <what a test lacks>: checked, not run.` (a Slurm cluster,
  ...) is compiled, and the names it imports from installed modules must exist.
- **diff**: every line is `+`, `-` or context, and the new side runs as Python, in the page's
  namespace.
- **bash**, **console** (its `$ ` lines): each command runs, or is checked where it cannot run
  in a test; the rules are in tests/docs_support/shell.py. Commands run in a temporary folder
  with a temporary `$HOME` (so `~/.pasqal/config` and the CLI's saved tokens are temporary too)
  and the placeholders below.
- **ini**: a `~/.pasqal/config` example, read by the SDK's own loader (each profile).
- **yaml**: `yaml.safe_load`; **json**: `json.loads`.
- Any other language, or none, fails: a block must say what it is.

Values the pages name, set by the test: `PASQAL_*` (the local cloud and its user),
`CI_CLIENT_ID`/`CI_CLIENT_SECRET` (a service account of the project), `MY_PASQAL_TOKEN` (an
access token), and the shell placeholders `BATCH_ID`, `JOB_ID` (a finished batch, its first
job; `$BATCH` too; in a `cancel` command, an open batch), `EMAIL`, `PW`, `NAME`, `DIR`.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from pasqal_sdk._config import load_config
from tests.docs_support.blocks import PYTHON, SHELL, Block, all_blocks
from tests.docs_support.shell import Command, check, commands, run

RUNNER = Path(__file__).resolve().parent / "docs_support" / "run_python.py"


CHECKED_ONLY = re.compile(r"^# Needs .+: checked, not run\.\n")


def _python_source(block: Block) -> str | None:
    """What runs as Python: a python block's text, a diff's new side; None for anything else."""
    if block.lang in PYTHON:
        return None if CHECKED_ONLY.match(block.text) else block.text
    if block.lang == "diff":
        lines = block.text.splitlines()
        odd = [line for line in lines if line[:1] not in ("+", "-", " ", "@", "")]
        assert not odd, f"{block.where}: not a diff line: {odd[0]!r}"
        return "\n".join(line[1:] for line in lines if line[:1] in ("+", " ")) + "\n"
    return None


def _items() -> list[Any]:
    params = []
    for block in all_blocks():
        if block.lang in SHELL:
            for command in commands(block):
                words = " ".join(command.words[:3])
                params.append(
                    pytest.param(command, id=f"{command.where} {command.disposition} {words}")
                )
        else:
            params.append(pytest.param(block, id=f"{block.where} {block.lang or 'no-language'}"))
    return params


def _venv_path() -> str:
    """PATH with this interpreter's folder first: `pasqal-sdk` and `python` are the venv's."""
    return f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


@dataclass
class DocsWorld:
    """The local cloud the pages talk to, and what their commands need."""

    env: dict[str, str]
    placeholders: dict[str, str]
    unfinished_batch_id: str
    cwd: Path
    root: Path
    results: dict[str, dict[str, str | None]]
    logs: dict[str, str]

    def placeholders_for(self, command: Command) -> dict[str, str]:
        """The placeholders' values; in a `cancel` command, BATCH_ID is the unfinished batch."""
        if "cancel" in command.words:
            return {**self.placeholders, "BATCH_ID": self.unfinished_batch_id}
        return self.placeholders


def _batches(cloud: Any) -> tuple[Any, Any, str]:
    """A finished batch, an open one (only an unfinished batch can be cancelled), a token."""
    from pulser import Pulse, Register, Sequence
    from pulser.devices import AnalogDevice
    from pulser.waveforms import BlackmanWaveform

    from pasqal_sdk import SDK, Auth0Conf, Endpoints, PasswordTokenProvider

    sequence = Sequence(Register.from_coordinates([(0, 0), (0, 10)], prefix="q"), AnalogDevice)
    sequence.declare_channel("rydberg", "rydberg_global")
    sequence.add(Pulse.ConstantDetuning(BlackmanWaveform(1000, 3.14), 0.0, 0.0), "rydberg")
    sequence.measure("ground-rydberg")
    tokens = PasswordTokenProvider(cloud.username, cloud.password, Auth0Conf(domain=cloud.url))
    endpoints = Endpoints(core=cloud.core_url, account=cloud.account_url)
    with SDK(token_provider=tokens, project_id=cloud.project_id, endpoints=endpoints) as sdk:
        batch = sdk.create_batch(sequence, [{"runs": 10}], emulator="EMU_FREE", wait=True)
        unfinished = sdk.create_batch(sequence, [{"runs": 10}], emulator="EMU_FREE", open=True)
    return batch, unfinished, tokens.get_token()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DocsWorld]:
    from pasqal_sdk.local.testing import LocalCloud

    root = tmp_path_factory.mktemp("docs")
    home, cwd = root / "home", root / "work"
    home.mkdir()
    cwd.mkdir()
    with LocalCloud() as cloud:
        batch, unfinished, token = _batches(cloud)
        account = cloud.add_service_account("docs-ci")
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PASQAL_")},
            "PATH": _venv_path(),
            "HOME": str(home),
            "XDG_DATA_HOME": str(root / "xdg-data"),
            "PASQAL_CONFIG_ROOT": str(home),
            "PASQAL_NO_KEYRING": "1",
            "MPLBACKEND": "Agg",
            **cloud.env(),
            "CI_CLIENT_ID": account.client_id,
            "CI_CLIENT_SECRET": account.client_secret,
            "MY_PASQAL_TOKEN": token,
            "BATCH": batch.id,
        }
        placeholders = {
            "BATCH_ID": batch.id,
            "JOB_ID": batch.ordered_jobs[0].id,
            "EMAIL": "reader@example.com",
            "PW": "a-docs-password",
            "NAME": "docs",
            "DIR": str(root / "local-data"),
        }
        yield DocsWorld(env, placeholders, unfinished.id, cwd, root, {}, {})


def _interpreter(client: str) -> str | None:
    """The Python that runs a client's blocks (None: compile them only)."""
    from tests.clients._venvs import CLIENTS, HEAVY, client_python, heavy_clients_run
    from tests.local.test_official_client import official_python

    if not client:
        return sys.executable
    if client == "pasqal-cloud":
        return str(official_python())
    if client in HEAVY and not heavy_clients_run():
        return None
    assert client in CLIENTS, f"no client {client!r} in tests/clients/_venvs.py"
    return str(client_python(client))


def _page_results(world: DocsWorld, page: str, client: str = "") -> dict[str, str | None]:
    """The page's Python blocks for `client`, run once (at the first) in one interpreter."""
    key = f"{page} {client}".strip()
    if key not in world.results:
        blocks = [
            b
            for b in all_blocks()
            if b.page == page and b.client == client and _python_source(b) is not None
        ]
        python = _interpreter(client)
        if python is None:
            world.results[key] = {b.where: _compiled(b) for b in blocks}
            world.logs[key] = f"{client}: compiled only (make test-clients runs it)"
            return world.results[key]
        todo = [
            {"where": b.where, "page": b.page, "line": b.line, "source": _python_source(b)}
            for b in blocks
        ]
        given, got = world.root / f"{len(world.results)}.json", world.root / "results.json"
        given.write_text(json.dumps(todo))
        got.write_text("{}")
        try:
            done = subprocess.run(
                [python, str(RUNNER), str(given), str(got)],
                env=world.env,
                cwd=world.cwd,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            world.logs[key] = done.stdout + done.stderr
        except subprocess.TimeoutExpired as expired:
            world.logs[key] = f"{page}: ran past {expired.timeout} s\n{expired.stdout!r}"
        world.results[key] = json.loads(got.read_text())
    return world.results[key]


def _compiled(block: Block) -> str | None:
    """None when the block's Python compiles, else the error."""
    try:
        compile(_python_source(block) or "", block.where, "exec")
    except SyntaxError as error:
        return f"{block.where}: {error}"
    return None


def _check_python(block: Block) -> None:
    """A block that cannot run here: it compiles, and what it imports from installed modules
    exists."""
    tree = ast.parse(block.text, block.where)
    compile(tree, block.where, "exec")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if importlib.util.find_spec(node.module.split(".")[0]) is None:
                continue  # what the block says it needs
            module = importlib.import_module(node.module)
            for alias in node.names:
                assert hasattr(module, alias.name), f"{block.where}: {node.module}.{alias.name}?"


def _check_ini(block: Block, folder: Path) -> None:
    (folder / ".pasqal").mkdir(exist_ok=True)
    (folder / ".pasqal" / "config").write_text(block.text)
    (folder / ".pasqal" / "config").chmod(0o600)
    environ = {"PASQAL_CONFIG_ROOT": str(folder)}
    profiles = [line.strip()[1:-1] for line in block.text.splitlines() if line.startswith("[")]
    for profile in [None, *profiles]:
        assert load_config(profile, environ=environ).source, f"{block.where}: not read"


@pytest.mark.parametrize("item", _items())
def test_doc_block(item: Block | Command, request: pytest.FixtureRequest) -> None:
    # Only what runs against the local cloud starts it: checks run without it.
    if isinstance(item, Command):
        if item.disposition == "run":
            world: DocsWorld = request.getfixturevalue("world")
            run(item, world.placeholders_for(item), world.env, world.cwd)
        else:
            check(item, {**os.environ, "PATH": _venv_path()})
        return
    block = item
    if _python_source(block) is not None:
        world = request.getfixturevalue("world")
        results = _page_results(world, block.page, block.client)
        log = world.logs[f"{block.page} {block.client}".strip()][-3000:]
        assert block.where in results, (
            f"{block.where}: not run; an earlier block of {block.page} failed, or:\n{log}"
        )
        error = results[block.where]
        assert error is None, f"{block.where} failed:\n{error}\n{log}"
    elif block.lang in PYTHON:
        _check_python(block)
    elif block.lang == "ini":
        _check_ini(block, request.getfixturevalue("tmp_path"))
    elif block.lang in ("yaml", "yml"):
        assert yaml.safe_load(block.text) is not None, f"{block.where}: empty YAML"
    elif block.lang == "json":
        json.loads(block.text)
    else:
        pytest.fail(
            f"{block.where}: no rule to run or check a {block.lang or 'language-less'} block; "
            "give it a language this test knows (see its docstring)"
        )


def test_the_pages_have_blocks_of_each_kind() -> None:
    langs = {block.lang for block in all_blocks()}
    assert {"python", "bash", "ini", "diff"} <= langs


def _block(lang: str, text: str) -> Block:
    return Block("docs/example.md", 10, lang, text)


def test_shell_blocks_split_into_commands_with_their_lines_and_options() -> None:
    bash = _block("bash", "pasqal-sdk local serve  # a comment\n# [--port N] [--workers N]\n\nls\n")
    serve, listing = commands(bash)
    assert (serve.where, serve.text, serve.comment_options) == (
        "docs/example.md:11",
        "pasqal-sdk local serve",
        ("--port", "--workers"),
    )
    assert (listing.where, listing.disposition) == ("docs/example.md:14", "run")
    console = commands(_block("console", "$ make generate\nsome output\n$ make test\n"))
    assert [(c.line, c.disposition) for c in console] == [
        (11, "check:make-target"),
        (13, "check:make-target"),
    ]


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("pip install 'pasqal-sdk[local]'", "Pasqal's earlier SDK"),
        ("pip install '.[nonexistent]'", "no extra"),
        ("make no-such-target", "no target"),
        ("git clone https://github.com/someone/else", "clone"),
        ("chmod 644 ~/.pasqal/config", "chmod 600"),
        ("export PASQAL_USER=me", "reads none"),
        ("pasqal-sdk local serve --no-such-option", "has no"),
        ("dask worker tcp://h:8786 --gpus 1", "has no"),
    ],
)
def test_checks_refuse_what_would_mislead_a_reader(line: str, complaint: str) -> None:
    (command,) = commands(_block("bash", line + "\n"))
    with pytest.raises(AssertionError, match=complaint):
        check(command, {**os.environ, "PATH": _venv_path()})


@pytest.mark.parametrize(
    "line",
    [
        "pip install './pasqal-sdk[local,plot]'",
        "pip install 'pasqal-sdk[plot] @ git+https://github.com/pasqal-io/pasqal-sdk'",
        "make test",
        "export PASQAL_USERNAME=me PASQAL_PROJECT_ID=1",
        "dask worker tcp://h:8786 --nthreads 1 --resources GPU=1",
        "srun --gres=gpu:1 dask worker tcp://h:8786 --nworkers 2",
    ],
)
def test_checks_accept_honest_lines(line: str) -> None:
    (command,) = commands(_block("bash", line + "\n"))
    check(command, {**os.environ, "PATH": _venv_path()})


def test_a_block_in_an_unknown_language_fails(request: pytest.FixtureRequest) -> None:
    with pytest.raises(pytest.fail.Exception, match="no rule"):
        test_doc_block(_block("", "something\n"), request)


@pytest.mark.parametrize("page", ["README.md", "docs/index.md"])
def test_the_install_text_says_what_pypis_pasqal_sdk_is_and_what_this_installs_as(
    page: str,
) -> None:
    """PyPI's `pasqal-sdk` 0.2.0 is Pasqal's own earlier SDK (module `sdk`), not "unrelated";
    the page names the distribution this project installs as (pyproject.toml's name)."""
    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11
    from tests.docs_support.blocks import ROOT

    name = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"]
    text = (ROOT / page).read_text()
    (paragraph,) = [p for p in text.split("\n\n") if "0.2.0" in p]
    prose = " ".join(paragraph.split())
    assert "unrelated" not in prose
    assert "Pasqal's own" in prose, prose
    assert "module `sdk`" in prose, prose
    assert f"installs as `{name}`" in prose or f"distribution `{name}`" in prose, prose


def test_the_local_cloud_page_points_the_official_client_at_it() -> None:
    """docs/local-cloud.md shows pasqal-cloud 0.24 itself on the local cloud, in a block that
    test_doc_block runs in the official client's venv (`client=pasqal-cloud`)."""
    from tests.docs_support.blocks import page_blocks

    official = [b for b in page_blocks("docs/local-cloud.md") if b.client == "pasqal-cloud"]
    assert official, "no `python client=pasqal-cloud` block in docs/local-cloud.md"
    text = "".join(block.text for block in official)
    for needed in ("Endpoints(core=", "TokenProviderConf(", "token_endpoint=", "create_batch("):
        assert needed in text, needed
