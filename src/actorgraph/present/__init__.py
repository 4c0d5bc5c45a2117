"""Presenters: turn analysis results into text, Markdown, JSON, files and pictures.

- `text`: one-line and detail views of nodes and claims (`list`, `show`).
- `gains`: the gains report (text, Markdown, JSON).
- `analyses`: balance, perspectives and robustness reports.
- `diff`: diff reports.
- `export`: GraphML, GEXF, JSON, Cytoscape and YAML exports.
- `shared`: the graph's name and origins in files meant for others (no machine paths).
- `selection`: what a map shows (`MapSelection`, `select_map`, rift/diff/bloc maps, footnote).
- `layout`: where nodes go (force layout, blocs, box placement, layout files).
- `boxes`: boxes pushed apart and off the edges that would run under them.
- `drawing`: the matplotlib map (imported only to draw); `style`: the look PNG and HTML share.
- `briefing`: a rift's 16:9 slide, the map beside the ranked stakes.
- `render`: a map written to a PNG, SVG or PDF (`render_map`), and the names of the map
  before the split, re-exported.
- `html`: the offline interactive map.
"""
