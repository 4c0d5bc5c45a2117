"""The package's layout: subpackages that show the flow, and the old paths for one release."""

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import networkx as nx
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



def test_installing_the_old_paths_twice_adds_one_finder():
    from actorgraph import MOVED, _compat

    _compat.install("actorgraph", MOVED)
    assert sum(isinstance(f, _compat._MovedFinder) and f.package == "actorgraph"
               for f in sys.meta_path) == 1

# -- the source tree, read as a newcomer would (issue 13) -------------------------------

SRC = Path(__file__).resolve().parent.parent / "src" / "actorgraph"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports_of(name: str) -> set[str]:
    """The actorgraph modules `name` imports when it runs, at the top or inside functions
    (imports under ``if TYPE_CHECKING:`` never run and are left out)."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("actorgraph"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if not base.startswith("actorgraph"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in MODULES else base)
    return {m for m in out if m in MODULES} - {name}


def import_graph() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from(MODULES)
    G.add_edges_from((m, imported) for m in MODULES for imported in imports_of(m))
    return G


def test_the_import_graph_reads_imports_inside_functions_too():
    G = import_graph()
    assert G.has_edge("actorgraph.cli.commands_render", "actorgraph.present.render")  # in a def
    assert G.has_edge("actorgraph.model.graph", "actorgraph.model.kinds")  # at the top
    assert G.has_edge("actorgraph.cli.main", "actorgraph.cli.commands_diff")  # from . import x


def test_no_import_cycle_among_actorgraph_modules():
    cycles = sorted(sorted(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == []


def test_the_library_never_imports_the_command_line():
    G = import_graph()
    cli = {m for m in MODULES if m.startswith("actorgraph.cli")} | {"actorgraph.__main__"}
    assert {m: sorted(nx.descendants(G, m) & cli) for m in set(MODULES) - cli
            if nx.descendants(G, m) & cli} == {}


def test_no_source_file_is_longer_than_500_lines():
    lengths = {name: len(p.read_text(encoding="utf-8").splitlines()) for name, p in MODULES.items()}
    assert {name: n for name, n in lengths.items() if n > 500} == {}


def test_no_merge_conflict_marker_is_left_anywhere():
    # one survived in model/graph.py's docstring, where no test or linter looks
    root = Path(__file__).resolve().parents[1]
    files = [p for folder in ("src", "tests", "docs", "graph", "benchmarks", "notebooks")
             for p in (root / folder).rglob("*") if p.is_file()
             and p.suffix in (".py", ".md", ".yaml", ".yml", ".json", ".ipynb", ".txt")]
    files += [root / "README.md", root / "pyproject.toml"]
    marked = [f"{p.relative_to(root)}:{n}" for p in files
              for n, line in enumerate(p.read_text("utf-8", "replace").splitlines(), 1)
              if line.rstrip() == "=======" or line.startswith(("<<<<<<< ", ">>>>>>> "))]
    assert marked == []


def test_only_the_command_line_touches_the_garbage_collector():
    touching = set()
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Import) and any(a.name == "gc" for a in node.names)) or \
                    (isinstance(node, ast.ImportFrom) and node.module == "gc"):
                touching.add(name)
    assert touching == {"actorgraph.cli.main"}


def test_at_least_three_subpackages_that_show_the_flow():
    packages = sorted(m for m, p in MODULES.items() if p.name == "__init__.py")
    assert packages == ["actorgraph", "actorgraph.analyses", "actorgraph.cli", "actorgraph.io",
                        "actorgraph.model", "actorgraph.present"]


# Where each module's tests are. A module with a file of its own in the same subpackage
# (src/actorgraph/io/loader.py -> tests/io/test_loader.py) is found by name; the others are
# covered by the file named here, most of them through the command line they serve.
TESTED_BY = {
    "_compat": "test_layout.py",
    "errors": "cli/test_cli.py",
    "io.folders": "test_precommit.py",
    "io.units": "io/test_cache.py",
    "io.graphchecks": "io/test_loader.py",
    "io.checker": "io/test_loader.py",
    "io.lost": "io/test_loader.py",
    "model.lintrules": "analyses/test_lint.py",
    "present.lint": "analyses/test_lint.py",
    "io.gitread": "cli/test_diff_git.py",
    "io.messages": "io/test_loader.py",
    "model.graph": "model/test_index.py",
    "model.ids": "analyses/test_diff.py",
    "model.records": "io/test_loader.py",
    "model.basics": "io/test_loader.py",
    "model.sourcing": "analyses/test_lint.py",
    "analyses.perspectives": "analyses/test_balance_perspectives.py",
    "analyses.balance": "analyses/test_balance_perspectives.py",
    "analyses.quotes": "analyses/test_gains.py",
    "analyses.inferred": "analyses/test_gains.py",
    "analyses.routes": "analyses/test_gains.py",
    "present.analyses": "analyses/test_balance_perspectives.py",
    "present.diff": "analyses/test_diff.py",
    "present.drawing": "present/test_render.py",
    "present.gains": "cli/test_cli.py",
    "present.layout": "present/test_render.py",
    "present.boxes": "present/test_render.py",
    "present.shared": "present/test_export.py",
    "present.selection": "present/test_render.py",
    "present.style": "present/test_render.py",
    "present.text": "cli/test_cli.py",
    "cli.commands_analyses": "cli/test_cli.py",
    "cli.commands_diff": "cli/test_diff_git.py",
    "cli.commands_records": "cli/test_cli.py",
    "cli.commands_render": "present/test_render.py",
    "cli.common": "cli/test_cli.py",
    "cli.main": "cli/test_cli.py",
    "cli.options": "cli/test_cli.py",
    "cli.pager": "cli/test_diff_git.py",
    "present.coalitions": "analyses/test_mactor.py",
    "present.coalitions_plot": "analyses/test_mactor.py",
    "cli.commands_coalitions": "analyses/test_mactor.py",
}
TESTS = Path(__file__).resolve().parent


def test_every_module_has_a_test_file_by_name_or_a_named_one():
    missing = {}
    for name, path in MODULES.items():
        if path.name in ("__init__.py", "__main__.py"):
            continue
        short = name.removeprefix("actorgraph.")
        package, _, module = short.rpartition(".")
        own = TESTS / package / f"test_{module}.py"
        named = TESTS / TESTED_BY[short] if short in TESTED_BY else None
        if not own.is_file() and (named is None or not named.is_file()):
            missing[short] = f"add tests/{package}/test_{module}.py or name a file in TESTED_BY"
    assert missing == {}


def _imported_module(module: str, name: str) -> str:
    """The module ``from module import name`` loads (a name the package exports lazily
    comes from the module `actorgraph._EXPORTS` lists)."""
    import actorgraph

    if module == "actorgraph" and name in actorgraph._EXPORTS:
        return f"actorgraph.{actorgraph._EXPORTS[name]}"
    return f"{module}.{name}" if f"{module}.{name}" in MODULES else module


def test_every_named_test_file_reaches_its_module_through_its_imports():
    G = import_graph()
    for short, test_file in TESTED_BY.items():
        tree = ast.parse((TESTS / test_file).read_text(encoding="utf-8"))
        imported = {_imported_module(n.module, a.name) for n in ast.walk(tree)
                    if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("actorgraph")
                    for a in n.names}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import)
                     for a in n.names if a.name.startswith("actorgraph")}
        reached = set().union(*({m, *nx.descendants(G, m)} for m in imported & set(G)))
        assert f"actorgraph.{short}" in reached, (short, test_file)
