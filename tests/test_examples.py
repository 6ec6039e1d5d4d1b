"""Every script in examples/ runs against a local cloud, configured by PASQAL_* variables only."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))


@pytest.fixture(scope="module")
def cloud() -> Iterator[Any]:
    from pasqal_sdk.local.testing import LocalCloud

    with LocalCloud() as running:
        yield running


def test_every_example_is_listed() -> None:
    assert {"quickstart.py", "configured.py", "pulser_backends.py", "histogram.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_runs(script: str, cloud: Any, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PASQAL_CONFIG_ROOT": str(tmp_path / "config"),
        **cloud.env(),
        "HISTOGRAM_PATH": str(tmp_path / "histogram.png"),
        "MPLBACKEND": "Agg",
    }
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip()
    if script == "histogram.py":
        assert (tmp_path / "histogram.png").stat().st_size > 0


def test_the_histogram_example_writes_outside_the_working_directory(
    cloud: Any, tmp_path: Path
) -> None:
    work, temporary = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    temporary.mkdir()
    env = {**os.environ, **cloud.env(), "TMPDIR": str(temporary)}
    env.pop("HISTOGRAM_PATH", None)
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "histogram.py")],
        env=env,
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(work.iterdir()) == []
    assert (temporary / "pasqal-sdk-histogram.png").stat().st_size > 0


def test_the_quickstart_reads_the_config_file_like_the_other_examples(
    cloud: Any, tmp_path: Path
) -> None:
    root = tmp_path / "config"
    (root / ".pasqal").mkdir(parents=True)
    (root / ".pasqal" / "config").write_text(
        f"url={cloud.url}\nusername={cloud.username}\npassword={cloud.password}\n"
        f"project_id={cloud.project_id}\n"
    )
    (root / ".pasqal" / "config").chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PASQAL_")}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")],
        env={**env, "PASQAL_CONFIG_ROOT": str(root)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert ": DONE" in done.stdout


def test_the_quickstart_notebook_runs_with_progress_and_histograms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """examples/quickstart.ipynb, executed by a kernel of this venv in a temporary folder, with
    matplotlib on Agg and every folder it (or IPython, Jupyter, matplotlib) writes to temporary."""
    import nbformat
    from nbclient import NotebookClient

    for variable, folder in {
        "TMPDIR": "tmp",
        "IPYTHONDIR": "ipython",
        "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
        "JUPYTER_DATA_DIR": "jupyter-data",
        "JUPYTER_CONFIG_DIR": "jupyter-config",
        "MPLCONFIGDIR": "matplotlib",
    }.items():
        (tmp_path / folder).mkdir()
        monkeypatch.setenv(variable, str(tmp_path / folder))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    work = tmp_path / "work"
    work.mkdir()
    notebook = nbformat.read(EXAMPLES / "quickstart.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code), (
        "the notebook is kept without outputs"
    )
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    )
    client.execute()  # CellExecutionError on the first cell that fails

    def text(cell: Any, kind: str) -> str:
        parts = []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == kind:
                parts.append(output.text)
            elif kind == "result" and output.output_type == "execute_result":
                parts.append(output.data["text/plain"])
        return "".join(parts)

    waited = next(cell for cell in code if "progress=True" in cell.source)
    assert text(waited, "stdout").strip().endswith(": DONE")
    # The progress bar, on stderr (redrawn in place where the kernel's stream is a terminal).
    progress = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text(waited, "stderr"))
    assert re.search(r"jobs done\W*2/2", progress), progress
    assert "ipywidgets" not in str(waited.outputs)  # rich's warning, when it tried a widget
    plotted = next(cell for cell in code if "plot_histogram" in cell.source)
    assert text(plotted, "result").count("(500 shots)") == 2
    assert list(work.iterdir()) == []
    left = [p.name for p in (tmp_path / "tmp").iterdir() if p.name.startswith("pasqal-local-")]
    assert left == []  # the local cloud's data dir went with cloud.close()
