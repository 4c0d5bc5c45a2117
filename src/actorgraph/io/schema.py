"""JSON Schema of the graph's YAML files, generated from the pydantic models.

An editor with the YAML language server validates and completes a graph file as the curator
types when the file starts with ``# yaml-language-server: $schema=<path to the schema>``.
The loader stays the authority (it also checks references across files and YAML hazards);
the schema catches typos early.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import UsageError, writing
from ..model.records import GraphFile
from .output import output_folder

__all__ = ["SCHEMA_FILE", "graph_file_schema", "write_schema"]

SCHEMA_FILE = "graph.schema.json"


def graph_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every graph file satisfies."""
    schema = GraphFile.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "actorgraph graph file"
    schema["description"] = ("A file of an actorgraph graph folder: any of the sections "
                             "sources, actors, outcomes, relations, events.")
    return schema


def write_schema(folder: str | Path) -> Path:
    """Write the schema into `folder` (created); return the file's path."""
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise UsageError(f"write_schema takes a folder (the schema is written as {SCHEMA_FILE} "
                         f"in it); {out} is a file")
    path = out / SCHEMA_FILE
    output_folder(out)
    with writing(path):
        path.write_text(json.dumps(graph_file_schema(), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    return path
