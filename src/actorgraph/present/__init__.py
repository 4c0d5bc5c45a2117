"""Presenters: turn analysis results into text, Markdown, JSON, files and pictures.

- `text`: one-line and detail views of nodes and claims (`list`, `show`).
- `gains`: the gains report (text, Markdown, JSON).
- `analyses`: balance, perspectives and robustness reports.
- `diff`: diff reports.
- `export`: GraphML, GEXF, JSON, Cytoscape and YAML exports.
- `render`: the interest map (matplotlib; imported only to draw).
- `html`: the offline interactive map.
"""
