"""The public API at the top of the package (issue 13.8): names that say what they do, the
same names for editors (TYPE_CHECKING) as at run time, and library errors that name
parameters, not command-line flags."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

import actorgraph
from actorgraph.analyses import balance as balance_module
from actorgraph.errors import UsageError

INIT = Path(actorgraph.__file__)


def type_checking_imports() -> dict[str, str]:
    """name -> module (relative to actorgraph) of the imports under ``if TYPE_CHECKING:``."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If)
                 and ast.unparse(n.test) == "TYPE_CHECKING")
    return {alias.name: node.module for node in block.body if isinstance(node, ast.ImportFrom)
            for alias in node.names}


def test_every_exported_name_resolves_to_the_module_it_is_listed_under():
    for name, module in actorgraph._EXPORTS.items():
        value = getattr(actorgraph, name)
        assert value is getattr(importlib.import_module(f"actorgraph.{module}"), name), name
    assert actorgraph.__all__ == sorted(actorgraph._EXPORTS)


def test_editors_see_the_same_names_from_the_same_modules():
    assert type_checking_imports() == actorgraph._EXPORTS


def test_structural_balance_and_perspectives_are_functions_taking_the_graph_first(curated):
    for fn in (actorgraph.structural_balance, actorgraph.perspectives):
        assert inspect.isfunction(fn)
        assert next(iter(inspect.signature(fn).parameters)) == "G"
    report = actorgraph.structural_balance(curated, rift=("russia", "azerbaijan"))
    assert report.strict.frustration == 0
    assert report.strict.blocs[0] == ("azerbaijan", "kazakhstan", "russia", "united-kingdom")
    p = actorgraph.perspectives(curated, "russia", "azerbaijan", by="affiliation")
    assert p.cells["ukraine"]["russia"][0] == "gains"


def test_the_old_balance_name_is_an_alias():
    assert balance_module.balance is balance_module.structural_balance


@pytest.mark.parametrize(("call", "message"), [
    (lambda G: actorgraph.who_gains(G, "russia", "azerbaijan", as_of="2025-13"), "as_of"),
    (lambda G: actorgraph.structural_balance(G, as_of="someday"), "as_of"),
    (lambda G: actorgraph.perspectives(G, "russia", "azerbaijan", by="mood"), "by"),
    (lambda G: actorgraph.choose_map(G, rift=("russia", "azerbaijan"), focus="turkiye"),
     "rift, focus"),
    (lambda G: actorgraph.choose_map(G, blocs="loose"), "blocs"),
])
def test_library_errors_name_parameters_not_flags(curated, call, message):
    with pytest.raises(UsageError) as caught:
        call(curated)
    assert message in str(caught.value)
    assert "--" not in str(caught.value)
