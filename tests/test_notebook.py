"""The tour notebook runs from a clean kernel, cell by cell, and says what it should."""

from __future__ import annotations

import os

import nbclient
import nbformat

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "tour.ipynb"


def test_the_tour_runs_from_a_clean_kernel_without_errors():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:  # run it fresh, not from its saved outputs
        if cell.cell_type == "code":
            cell.outputs = []
    # the kernel imports this working tree, as the tests do, not an older installed copy
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute(
        env={**os.environ, "PYTHONPATH": path})
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                     + o.get("data", {}).get("text/markdown", "") for o in outputs)
    # ranked by support since issue 14: the gainer two independent voices name first
    assert "| Ukraine (`ukraine`) | gains | very likely (0.84, 2 voices) |" in text
    assert "certain forces: likely (0.60, 1 voice) by organisation; very likely (0.84, 2 " \
        "voices) by claimant" in text
    assert "(['ukraine'], [])" in text
    assert "+ interest:kazakhstan-government->rift-russia-azerbaijan" in text
    assert "ukraine              rests on seed-article" in text
    assert "Perspectives: Russia = Dmitry Masyuk, Dmitry Peskov, Maria Zakharova" in text
    assert "(('azerbaijan', 'kazakhstan', 'russia', 'united-kingdom')," in text
    assert any("image/svg+xml" in o.get("data", {}) for o in outputs)  # the briefing slide


def test_the_committed_notebook_has_its_outputs_and_stays_small():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs for c in code)
    assert NOTEBOOK.stat().st_size < 200_000
