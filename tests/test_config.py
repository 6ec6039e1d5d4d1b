"""Settings come from the environment over ~/.pasqal/config, profiles included, and a file that
holds a secret must be private."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasqal_sdk import InvalidConfigurationError
from pasqal_sdk._config import Config, config_path, load_config


def _write(root: Path, text: str, mode: int = 0o600) -> Path:
    path = root / ".pasqal" / "config"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


def test_file_path_moves_with_config_root(tmp_path: Path) -> None:
    # As QRMI and CUDA-Q read it: the root stands for the home folder.
    assert config_path({"PASQAL_CONFIG_ROOT": str(tmp_path)}) == tmp_path / ".pasqal" / "config"
    assert config_path({}).parts[-2:] == (".pasqal", "config")


def test_default_profile_and_named_profile_inherit(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "# mine\nusername = me@example.com\nproject_id=p1\n\n[lab]\nproject_id = p2\n",
    )
    env = {"PASQAL_CONFIG_ROOT": str(tmp_path)}
    default = load_config(environ=env)
    assert (default.username, default.project_id) == ("me@example.com", "p1")
    lab = load_config("lab", environ=env)
    assert (lab.username, lab.project_id) == ("me@example.com", "p2")
    assert load_config(environ={**env, "PASQAL_PROFILE": "lab"}).project_id == "p2"


def test_environment_wins_over_file(tmp_path: Path) -> None:
    _write(tmp_path, "username=file@example.com\npassword=filepw\n")
    env = {
        "PASQAL_CONFIG_ROOT": str(tmp_path),
        "PASQAL_USERNAME": "env@example.com",
        "PASQAL_AUTH_TOKEN": "tok",
        "PASQAL_REGION": "sa",
    }
    config = load_config(environ=env)
    assert config.username == "env@example.com"
    assert config.password == "filepw"
    assert (config.token, config.region) == ("tok", "sa")


def test_no_file_gives_environment_only(tmp_path: Path) -> None:
    config = load_config(environ={"PASQAL_CONFIG_ROOT": str(tmp_path), "PASQAL_PROJECT_ID": "p"})
    assert config == Config(project_id="p")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("username me\n", "expected `key=value`"),
        ("colour=blue\n", "unknown key 'colour'"),
        ("[]\n", "empty profile name"),
    ],
)
def test_malformed_file_is_refused_with_its_line(tmp_path: Path, text: str, message: str) -> None:
    _write(tmp_path, text)
    with pytest.raises(InvalidConfigurationError, match=message) as caught:
        load_config(environ={"PASQAL_CONFIG_ROOT": str(tmp_path)})
    assert ":1:" in str(caught.value)


def test_unknown_profile_names_the_known_ones(tmp_path: Path) -> None:
    _write(tmp_path, "username=a\n[lab]\nproject_id=p\n")
    with pytest.raises(InvalidConfigurationError, match="has: default, lab"):
        load_config("prod", environ={"PASQAL_CONFIG_ROOT": str(tmp_path)})
    with pytest.raises(InvalidConfigurationError, match="does not exist"):
        load_config("prod", environ={"PASQAL_CONFIG_ROOT": str(tmp_path / "none")})


def test_secret_in_a_readable_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "username=a\n[lab]\npassword=hunter2\n", mode=0o644)
    with pytest.raises(InvalidConfigurationError, match="chmod 600") as caught:
        load_config(environ={"PASQAL_CONFIG_ROOT": str(tmp_path)})
    assert "hunter2" not in str(caught.value)
    path.chmod(0o600)
    assert load_config("lab", environ={"PASQAL_CONFIG_ROOT": str(tmp_path)}).password == "hunter2"


def test_readable_file_without_secret_is_accepted(tmp_path: Path) -> None:
    _write(tmp_path, "username=a\nproject_id=p\n", mode=0o644)
    assert load_config(environ={"PASQAL_CONFIG_ROOT": str(tmp_path)}).project_id == "p"


def test_repr_hides_secrets() -> None:
    text = repr(Config(username="u", password="hunter2", token="tok", client_secret="s"))
    assert "hunter2" not in text
    assert "tok'" not in text
    assert "username='u'" in text
