"""The data model: records (pydantic), stable ids, and the networkx graph built from them.

- `records`: the closed, frozen pydantic models of a graph file.
- `ids`: ids derived from a record's content, stable across edits.
- `graph`: `load`, `build_graph` and name resolution over the `networkx.MultiDiGraph`.
"""
