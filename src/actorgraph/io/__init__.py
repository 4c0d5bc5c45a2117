"""Reading: YAML files -> positioned nodes -> checked records.

- `yamlread`: the safe YAML reader (every node keeps its file:line:column).
- `messages`: turning pydantic's errors into messages a curator can act on.
- `loader`: a graph folder -> `GraphRecords` (schema and cross-record checks).
- `cache`: content-keyed cache of loaded graphs.
- `gitread`: records at a git revision (for `diff`).
- `schema`: the JSON Schema of a graph file, for editors.
"""
