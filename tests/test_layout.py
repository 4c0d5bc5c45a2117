"""The package's layout: subpackages that show the flow, and the old paths for one release."""

import importlib
import subprocess
import sys

import pytest


def test_old_module_paths_still_import_with_a_warning():
    code = ("import warnings; warnings.simplefilter('error');\n"
            "try:\n    import actorgraph.gains\nexcept DeprecationWarning as w:\n    print(w)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ("actorgraph.gains moved to actorgraph.analyses.gains; "
                                  "the old path goes in the next release")


def test_an_old_path_is_the_same_module_as_the_new_one():
    sys.modules.pop("actorgraph.loader", None)
    with pytest.warns(DeprecationWarning, match="actorgraph.loader moved"):
        old = importlib.import_module("actorgraph.loader")
    assert old is importlib.import_module("actorgraph.io.loader")
