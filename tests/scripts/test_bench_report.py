"""`make bench`'s rows: the JSON fields, the tables and the targets' verdicts."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.bench.report import NO_PROFILE, Row, at_most, markdown_table, text_table, write

FIELDS = {"name", "ours", "official", "unit", "ratio", "target", "met", "profile"}


def rows() -> list[Row]:
    return [
        Row("list 2000+ batches", 0.2, 1.0, "s", 0.2, "ratio <= 0.3", True, "internet"),
        Row("list 2000+ batches", 0.5, 0.4, "s", 1.25, "ratio <= 1.1", False, "lan"),
        Row("local cloud: req/s", 900.0, None, "req/s", None, ">= 500", True),
    ]


def test_results_json_has_every_field_of_each_row(tmp_path: Path) -> None:
    write(rows(), tmp_path)
    written = json.loads((tmp_path / "results.json").read_text())
    assert len(written) == 3
    for row in written:
        assert set(row) >= FIELDS
    assert [row["profile"] for row in written] == ["internet", "lan", NO_PROFILE]
    assert written[2]["official"] is None
    assert (tmp_path / "results.md").read_text() == markdown_table(rows())


def test_tables_show_each_row_with_its_profile_and_verdict() -> None:
    markdown = markdown_table(rows()).splitlines()
    assert markdown[0].startswith("| scenario | profile |")
    body = markdown[2:]
    assert len(body) == 3
    assert "| internet |" in body[0]
    assert body[0].endswith("| yes |")
    assert body[1].endswith("| **no** |")
    assert all(line.count("|") == markdown[0].count("|") for line in body)
    text = text_table(rows())
    assert "MISSED" in text.splitlines()[3]
    assert "met" in text.splitlines()[2]


def test_at_most_checks_the_ratio_or_our_value() -> None:
    ratio = at_most(0.5)
    assert ratio.text == "ratio <= 0.5"
    assert ratio.check(10.0, 0.5)
    assert not ratio.check(0.0, 0.51)
    assert not ratio.check(0.0, None)  # no official figure: a ratio target is not met
    ours = at_most(1.0, of="ours")
    assert ours.text == "ours <= 1"
    assert ours.check(1.0, None)
    assert not ours.check(1.01, 0.0)
