"""`make run` (scripts/run_quickstart.py) tells a newcomer what to do after the quickstart."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from pasqal_sdk.local import DEFAULT_PASSWORD, DEFAULT_USERNAME

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "run_quickstart.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_quickstart", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_next_steps_name_the_url_how_to_keep_a_cloud_and_the_docs() -> None:
    text = load_script().next_steps("http://127.0.0.1:5555")
    assert "http://127.0.0.1:5555" in text
    assert "stops" in text
    assert "pasqal-sdk local serve" in text
    for needed in (DEFAULT_USERNAME, DEFAULT_PASSWORD, "make docs", ".site/index.html", "docs/"):
        assert needed in text
    assert "ENDPOINT" not in text  # the one PASQAL_URL, as the docs say
    for variable in ("PASQAL_USERNAME", "PASQAL_URL", "PASQAL_PROJECT_ID"):
        assert variable in text
