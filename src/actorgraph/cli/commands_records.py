"""Commands on the records themselves: validate, list, show, check-quotes, lint, schema,
export."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import GraphDataError, UsageError, display_path
from .common import Add, keep, load_graph, report_error, tell_warnings

__all__ = ["register"]


def _print_table(rows: list[dict[str, str]]) -> None:
    if not rows:
        return
    keys = list(rows[0])
    widths = {k: min(max(len(k), *(len(r[k]) for r in rows)), 60) for k in keys}
    line = "  ".join(k.upper().ljust(widths[k]) for k in keys)
    print(line.rstrip())
    for r in rows:
        cells = [(r[k] if len(r[k]) <= 60 else r[k][:57] + "...").ljust(widths[k]) for k in keys]
        print("  ".join(cells).rstrip())


def cmd_validate(args: argparse.Namespace) -> int:
    from ..io.loader import load_records
    from ..present.text import summary_line

    if not args.files:
        records = keep(load_records(args.graph))
        tell_warnings(records.warnings)
        print(summary_line(records))
        return 0
    return _validate_files(args.files, args.graph)


def _validate_files(files: list[str], graph: str | None) -> int:
    """Check the graph folder of each file (a pre-commit hook's call); 1 if any fails."""
    from ..io.folders import graph_folders
    from ..io.loader import load_records
    from ..present.text import summary_line

    folders, outside = graph_folders(files, graph)
    if outside:
        where = f"under {graph}" if graph else "in a folder holding graph.schema.json"
        print(f"actorgraph: not checked, not {where}: {', '.join(outside)}", file=sys.stderr)
    code = 0
    for folder in folders:
        try:
            records = load_records(folder)
        except GraphDataError as exc:
            code = max(code, report_error(exc))
            continue
        tell_warnings(records.warnings)
        print(f"{folder}: {summary_line(records)}")
    return code


def cmd_list(args: argparse.Namespace) -> int:
    from ..present.text import list_rows

    rows = list_rows(load_graph(args.graph), args.what)
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        _print_table(rows)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from ..model.graph import resolve_record
    from ..present.text import describe

    G = load_graph(args.graph)
    # by id; actors also by name or alias, outcomes and events by label, sources by title
    print(describe(G, resolve_record(G, args.name)))
    return 0


def cmd_check_quotes(args: argparse.Namespace) -> int:
    from ..analyses.quotes import check_quotes

    texts = []
    for spec in args.text or ():
        source, sep, path = spec.partition("=")
        if not sep or not source or not path:
            raise UsageError(f"--text takes SOURCE_ID=PATH, got {spec!r}")
        texts.append((source, path))
    G = load_graph(args.graph)
    if not texts:  # every source's archived text
        root = Path(G.graph["root"])
        folder = root if root.is_dir() else root.parent
        texts = [(sid, display_path(folder / s.text))
                 for sid, s in sorted(G.graph["sources"].items()) if s.text]
    if not texts:
        raise UsageError("give --text SOURCE_ID=PATH: no source of this graph archives its "
                         "text (text:)")
    total = 0
    for source, path in texts:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {path}: {exc}") from None
        misses = check_quotes(G, source, text)
        cited = sum(1 for _, c in G.graph["records"].claims.values() if c.source == source)
        for miss in misses:
            print(f"{miss.origin}: quote not found in {path}: \u201c{miss.quote}\u201d")
        print(f"{source}: {cited - len(misses)} of {cited} quotes found in {path}")
        total += len(misses)
    return 1 if total else 0


def cmd_lint(args: argparse.Namespace) -> int:
    from ..analyses.lint import lint
    from ..present.lint import format_lint

    report = lint(load_graph(args.graph), rules=args.rule or None)
    print(format_lint(report, fmt=args.format))
    return 1 if args.strict and report.findings else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from ..io.schema import SCHEMA_FILE, write_schema

    if Path(args.output).exists() and not Path(args.output).is_dir():
        raise UsageError(f"schema -o takes a folder (the schema is written as {SCHEMA_FILE} "
                         f"in it); {args.output} is a file")
    print(f"wrote {write_schema(args.output)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ..io.output import output_file
    from ..present.export import write_export

    if args.base_iri and args.format not in ("turtle", "jsonld"):
        raise UsageError("--base-iri is for the RDF formats (turtle, jsonld)")
    output_file(args.output)
    G = load_graph(args.graph)
    write_export(G, args.output, args.format, base=args.base_iri)
    print(f"wrote {args.output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
          f"({args.format})")
    if args.format == "cytoscape":
        from ..present.export import style_path

        print(f"wrote {display_path(style_path(args.output))}: the map's look as a "
              "Cytoscape.js style")
    return 0


def register(add: Add) -> None:
    """Add the record commands through ``add(name, handler, help)``."""
    p = add("validate", cmd_validate, "check the graph; print a summary or every problem")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="check the graph folder of each file instead (the pre-commit hook's "
                        "call): the --graph folder holding it, else the nearest folder above "
                        "it with graph.schema.json; other files are left out, saying so")
    p = add("list", cmd_list, "list records of one type")
    p.add_argument("what", choices=["actors", "outcomes", "sources", "claims", "events",
                                    "relations"])
    p.add_argument("--format", choices=["text", "json"], default="text")
    p = add("show", cmd_show, "show one record (id, name, alias, label or title) with the "
            "claims behind it")
    p.add_argument("name", help="an id, a name or an alias, e.g. turkiye, Turkey, USA")
    p = add("check-quotes", cmd_check_quotes,
            "report claims whose quote does not occur in the source's text")
    p.add_argument("--text", action="append", metavar="SOURCE_ID=PATH",
                   help="the full text of a source (repeatable; default: every source's "
                        "archived text, its text: in the graph)")
    from ..model.lintrules import LINT_RULES

    p = add("lint", cmd_lint, "tradecraft checks: hedges recorded as assertions, one quote "
            "with two stances or in several records, quotes naming nothing of their record, "
            "records resting only on reader comments")
    p.add_argument("--strict", action="store_true", help="exit 1 when anything is found")
    p.add_argument("--rule", action="append", choices=LINT_RULES, metavar="RULE",
                   help=f"only this rule (repeatable): {', '.join(LINT_RULES)}")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p = add("schema", cmd_schema, "write the JSON Schema of graph files (for editors)")
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="folder to write into (created if missing)")
    p = add("export", cmd_export, "write the graph for Gephi, Cytoscape, JavaScript or an RDF "
            "store (SPARQL)")
    p.add_argument("--format", required=True,
                   choices=["graphml", "gexf", "json", "cytoscape", "yaml", "turtle", "jsonld"],
                   help="turtle and jsonld: RDF with W3C PROV-O provenance for each claim "
                        "(needs the rdf extra, rdflib)")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="file to write (missing folders are created)")
    p.add_argument("--base-iri", metavar="IRI", help="RDF only: the records' IRIs are IRI + "
                   "id (default urn:actorgraph:id:); one per graph loaded into one store")
