"""The gains answer names the effects of the rift's events it does not count, and says how to
curate them so they count: in text, Markdown and JSON, whether or not the answer is empty."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from actorgraph.cli import main

from ..conftest import DATA

ON_EVENT = str(DATA / "valid" / "aland-borea-event-effects")
ON_RIFT = str(DATA / "valid" / "aland-borea")

NOTE = """
NOT COUNTED  (effects of the rift's events: only the rift outcome's effects are routes of gains)
  Aland cuts gas deliveries to Borea (gas-cut): hinders Borea, hinders Borean steelmakers, advances
    Coria
  If the sources say the rift did these, curate them as effects of the rift outcome
    (rift-aland-borea), with the same claims (docs/curating.md, section 8).
"""


def run(capsys, *argv: str) -> str:
    assert main(["gains", "aland", "borea", *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_the_empty_answer_says_why(capsys):
    out = run(capsys, "--graph", ON_EVENT)
    assert ("\nNo source gives an actor a stake in this rift under these filters.\n" + NOTE
            + "\nWHAT CAUSED THE RIFT") in out


def test_the_note_stands_beside_a_ranking(capsys, tmp_path):
    assert "NOT COUNTED" not in run(capsys, "--graph", ON_RIFT)
    # the effects on the rift outcome (counted) and on the event as well (not counted)
    folder = tmp_path / "graph"
    shutil.copytree(ON_RIFT, folder)
    shutil.copy(Path(ON_EVENT) / "events.yaml", folder / "events.yaml")
    out = run(capsys, "--graph", str(folder))
    assert "\nGAINS\n  Coria (coria)" in out
    assert out.index("\nLOSES\n") < out.index(NOTE) < out.index("WHAT CAUSED THE RIFT")


def test_markdown_and_json_carry_it(capsys):
    out = run(capsys, "--graph", ON_EVENT, "--format", "markdown")
    assert ("\nNo source gives an actor a stake in this rift under these filters.\n\n"
            "### Not counted (effects of the rift's events: only the rift outcome's effects "
            "are routes of gains)\n\n"
            "- Aland cuts gas deliveries to Borea (gas-cut): hinders Borea, hinders Borean "
            "steelmakers, advances Coria\n\n"
            "If the sources say the rift did these, curate them as effects of the rift outcome "
            "(rift-aland-borea), with the same claims (docs/curating.md, section 8).\n") in out
    assert "| actor |" not in out and "### Why" not in out
    data = json.loads(run(capsys, "--graph", ON_EVENT, "--format", "json"))
    assert data["uncounted_event_effects"] == [
        {"event": "gas-cut", "label": "Aland cuts gas deliveries to Borea", "effects": [
            {"to": "borea", "sign": -1, "claimants": ["jon-vale"]},
            {"to": "borean-steelmakers", "sign": -1, "claimants": ["jon-vale"]},
            {"to": "coria", "sign": 1, "claimants": ["ft-analysts"]}]}]
    assert json.loads(run(capsys, "--graph", ON_RIFT, "--format", "json")
                      )["uncounted_event_effects"] == []
