"""Relayed, hedged and counted claims (issue 15): ``via``, ``likelihood`` and ``quantity``.

The graph is tests/data/valid/relay: a digest page (written by the digest's writer) retells
The Courier, which cites unnamed analysts, a minister and a professor; a second professor
hedges in a footnote.
"""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actorgraph
from actorgraph.analyses.claims import support
from actorgraph.analyses.evidence import voice_of
from actorgraph.analyses.gains import who_gains
from actorgraph.analyses.perspectives import perspectives, robustness
from actorgraph.cli import main
from actorgraph.model.records import Claim, Source
from actorgraph.model.sourcing import LIKELIHOOD, LIKELIHOOD_WORDS, claim_strength, hedge_factor

from ..conftest import DATA

RELAY = DATA / "valid" / "relay"


@pytest.fixture(scope="module")
def relay():
    return actorgraph.load(RELAY, cache=False)


def gainers(report) -> list[tuple[str, float, tuple[str, ...]]]:
    return [(s.actor, round(s.score, 4), s.voices) for s in report.stakes]


def test_the_answer_counts_voices_through_relays(relay):
    assert gainers(who_gains(relay, "north", "south")) == [
        # two named speakers relayed by one outlet: two voices (1 - 0.2 * 0.2)
        ("central", 0.96, ("minister-ray", "professor-lin")),
        # unnamed analysts via The Courier and its own correspondent: one voice, The Courier
        ("west", 0.8, ("the-courier",)),
        # "would likely benefit": 0.8 x 0.675 (likely) ...
        ("east", 0.54, ("professor-lin",)),
        # ... outranks a footnote's "could perhaps gain": 0.8 x 0.5 (speculates)
        ("islands", 0.4, ("professor-oko",))]


def test_a_relayed_claim_counts_for_its_outlet_and_not_for_the_pages_writer(relay):
    courier = who_gains(relay, "north", "south", according_to=["The Courier"])
    assert [s.actor for s in courier.stakes] == ["central", "west", "east"]
    assert who_gains(relay, "north", "south", according_to=["digest-writer"]).stakes == ()
    # the source's id still stands for every claim in it
    page = who_gains(relay, "north", "south", according_to=["digest-page"])
    assert [s.actor for s in page.stakes] == ["central", "west", "east", "islands"]
    # leaving the outlet out leaves out what it relays, and its own people's word
    without = who_gains(relay, "north", "south", exclude=["the-courier"])
    assert [s.actor for s in without.stakes] == ["islands"]


def test_a_relay_is_one_voice_with_an_unidentified_speaker_only(relay):
    analysts = Claim(by="courier-analysts", via=["the-courier"], source="digest-page",
                     quote="q")
    named = Claim(by="professor-lin", via=["the-courier"], source="digest-page", quote="q")
    assert [voice_of(relay, analysts, v) for v in ("organisation", "claimant", "source")] == [
        "the-courier", "the-courier", "digest-page"]
    assert [voice_of(relay, named, v) for v in ("organisation", "claimant")] == [
        "professor-lin", "professor-lin"]
    # cited by the page itself, unnamed speakers are heard as the page's author: they cannot
    # outnumber the writer who quotes them
    unrelayed = Claim(by="courier-analysts", source="digest-page", quote="q")
    assert voice_of(relay, unrelayed) == "digest-writer"


def test_robustness_and_perspectives_know_the_outlet(relay):
    report = who_gains(relay, "north", "south")
    assert {a: r.label for a, r in robustness(relay, report).items()} == {
        "central": "rests on digest-page, the-courier",
        "west": "rests on digest-page, the-courier",
        "east": "rests on digest-page, professor-lin, the-courier",
        "islands": "rests on digest-page, professor-oko"}
    p = perspectives(relay, "north", "south", by="outlet")
    assert p.columns == ("all", "professor-oko", "the-courier")
    assert p.members["the-courier"] == ("courier-analysts", "courier-reporter", "minister-ray",
                                        "professor-lin")
    # no claim of The Courier's own people is relayed by another outlet here, so its column
    # is exactly what --according-to the-courier gives
    courier = who_gains(relay, "north", "south", according_to=["the-courier"])
    assert {a: row["the-courier"] for a, row in p.cells.items() if "the-courier" in row} == {
        s.actor: (s.verdict, s.score) for s in courier.stakes}


def test_explain_markdown_and_json_show_the_chain_the_hedge_and_the_quantity(capsys):
    assert main(["gains", "north", "south", "--graph", str(RELAY), "--explain"]) == 0
    out = capsys.readouterr().out
    # a hedged claim says what it counts: 0.8 x 0.675 ("likely") = 0.54
    assert ("        - analysts cited by The Courier, via The Courier, in digest-page, para 2 "
            "(asserts, likely,\n          0.8, counts 0.54): \u201cWest would likely gain some "
            "$1.2bn in diverted trade, analysts told\n          The Courier\u201d [quantity: "
            "1,200,000,000 USD (\u201c$1.2bn\u201d)]\n") in out
    assert main(["gains", "north", "south", "--graph", str(RELAY), "--explain",
                 "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert ("  - analysts cited by The Courier, via The Courier (digest-page, para 2, asserts, "
            "likely): \u201cWest would likely gain some $1.2bn in diverted trade, analysts "
            "told The Courier\u201d (quantity: 1,200,000,000 USD (\u201c$1.2bn\u201d))") in md
    assert main(["gains", "north", "south", "--graph", str(RELAY), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    west = next(s for s in data["stakes"] if s["actor"] == "west")
    first = west["evidence"][0]["steps"][0]["claims"][0]
    assert {k: first[k] for k in ("by", "via", "via_names", "likelihood", "quantity",
                                  "confidence", "strength")} == {
        "by": "courier-analysts", "via": ["the-courier"], "via_names": ["The Courier"],
        "likelihood": "likely", "quantity": {"value": 1.2e9, "unit": "USD", "text": "$1.2bn"},
        "confidence": 0.8, "strength": pytest.approx(0.54)}


# -- the hedge's degree ------------------------------------------------------------------

WORDS = list(LIKELIHOOD)


def test_the_hedge_factor_is_the_midpoint_of_the_icd_203_range():
    assert LIKELIHOOD == {"almost no chance": 0.03, "very unlikely": 0.125,
                          "unlikely": 0.325, "roughly even chance": 0.5, "likely": 0.675,
                          "very likely": 0.875, "almost certain": 0.97}
    plain = Claim(by="x", source="s", quote="q")
    assert hedge_factor(plain) == 1.0
    assert hedge_factor(plain.model_copy(update={"stance": "speculates"})) == 0.5
    assert hedge_factor(plain.model_copy(update={"likelihood": "probable"})) == 0.675
    # every synonym ICD 203 gives means its canonical word
    assert sorted(set(LIKELIHOOD_WORDS.values())) == sorted(WORDS)
    assert len(LIKELIHOOD_WORDS) == 14


claim_specs = st.lists(st.tuples(st.sampled_from("uvw"), st.sampled_from([0.3, 0.6, 0.9]),
                                 st.sampled_from(WORDS), st.booleans()),
                       min_size=1, max_size=5)


@settings(max_examples=200, deadline=None)
@given(claim_specs, st.data())
def test_a_higher_likelihood_never_lowers_support(specs, data):
    sources = {"s": Source(id="s", title="t", kind="article")}

    def claims(words: list[str]) -> list[Claim]:
        return [Claim(by=v, source="s", quote=f"q{i}", confidence=c,
                      stance="denies" if deny else "asserts",
                      likelihood=None if deny else w)
                for i, ((v, c, _, deny), w) in enumerate(zip(specs, words, strict=True))]

    words = [w for _, _, w, _ in specs]
    i = data.draw(st.integers(0, len(specs) - 1))
    higher = data.draw(st.sampled_from(WORDS[WORDS.index(words[i]):]))
    raised = [*words[:i], higher, *words[i + 1:]]
    before, _ = support(claims(words), sources)
    after, _ = support(claims(raised), sources)
    assert after >= before - 1e-12
    # and a stated likelihood never lifts a claim above its confidence
    assert all(claim_strength(c, sources) <= c.confidence for c in claims(raised))


# -- what the loader refuses -------------------------------------------------------------

def _broken(tmp_path, old: str, new: str):
    folder = tmp_path / "relay"
    shutil.copytree(RELAY, folder)
    path = folder / "graph.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("old", "new", "message"), [
    ("via: [the-courier]", "via: [the-currier]",
     "graph.yaml:52:19: error: unknown actor 'the-currier'; did you mean 'the-courier'?"),
    ("via: [the-courier]", "via: [rift-north-south]",
     "graph.yaml:52:19: error: 'rift-north-south' is an outcome, not an actor"),
    ("via: [the-courier]", "via: [courier-analysts]",
     # at the via key, not the claim's first line (the key to fix)
     "graph.yaml:52:13: error: via names the claimant 'courier-analysts': via lists who "
     "relayed the claim, not who made it"),
    ("via: [the-courier]", "via: [the-courier, the-courier]",
     "graph.yaml:52:13: error: via names 'the-courier' twice: each relay once, in order"),
    ("likelihood: likely", "likelihood: likley",
     "graph.yaml:55:25: error: 'likelihood' must be one of: almost no chance, very unlikely, "
     "unlikely, roughly even chance, likely, very likely, almost certain, remote, highly "
     "improbable, improbable, roughly even odds, probable, highly probable, nearly certain; "
     "got 'likley' (did you mean 'likely'?)"),
    ("likelihood: likely", "likelihood: likely\n            stance: denies",
     "graph.yaml:51:13: error: a denial takes no likelihood: the words say how likely the "
     "claimant thinks the thing is; for a claimant who doubts it, write stance: denies alone "
     "(with a lower confidence when the denial is hedged)"),
    ('text: "$1.2bn"', 'text: "$1.3bn"',
     "graph.yaml:57:60: error: the quantity's text '$1.3bn' is not in the claim's quote: give "
     "the number as the quote words it"),
])
def test_a_wrong_relay_likelihood_or_quantity_is_refused_at_its_line(
        tmp_path, capsys, old, new, message):
    folder = _broken(tmp_path, old, new)
    assert main(["validate", "--graph", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{folder}/{message}\n" in err


def test_the_quantity_text_is_matched_as_quotes_are(tmp_path, capsys):
    # typographic quotes and spacing are normalised; the words (and the number) are not
    folder = _broken(tmp_path, 'text: "$1.2bn"', 'text: "some  $1.2bn"')
    assert main(["validate", "--graph", str(folder)]) == 0
    capsys.readouterr()


# -- what carries the keys ---------------------------------------------------------------

def test_the_keys_survive_the_yaml_export_and_the_schema_names_them(relay, tmp_path, capsys):
    out = tmp_path / "export" / "graph.yaml"
    assert main(["export", "--graph", str(RELAY), "--format", "yaml", "-o", str(out)]) == 0
    again = actorgraph.load(out.parent, cache=False)
    assert again.graph["records"].claims == relay.graph["records"].claims
    assert gainers(who_gains(again, "north", "south")) == gainers(
        who_gains(relay, "north", "south"))
    schema_dir = tmp_path / "schema"
    assert main(["schema", "-o", str(schema_dir)]) == 0
    claim = json.loads((schema_dir / "graph.schema.json").read_text())["$defs"]["Claim"]
    assert {"via", "quantity", "likelihood"} <= set(claim["properties"])
    capsys.readouterr()


def test_diff_reports_a_changed_relay_and_likelihood(tmp_path, capsys):
    new = _broken(tmp_path, "via: [the-courier]\n            source: digest-page\n"
                  "            locator: para 2\n            likelihood: likely",
                  "via: [courier-reporter, the-courier]\n            source: digest-page\n"
                  "            locator: para 2\n            likelihood: very likely")
    assert main(["diff", str(RELAY), str(new)]) == 0
    out = capsys.readouterr().out
    assert "      likelihood: 'likely' -> 'very likely'\n" in out
    assert '      via: ["the-courier"] -> ["courier-reporter", "the-courier"]\n' in out


def test_rdf_attributes_the_claim_to_its_speaker_and_each_relay_in_order(relay, tmp_path):
    rdflib = pytest.importorskip("rdflib")
    from actorgraph.present.rdf import rdf_graph

    g = rdf_graph(relay)
    rows = g.query("""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?speaker ?relay ?order ?value ?unit WHERE {
          ?c prov:wasAttributedTo ?speaker ;
             prov:qualifiedAttribution [ prov:agent ?relay ; prov:hadRole ?role ;
                                         ?orderp ?order ] ;
             ?qp [ <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?value ; ?up ?unit ] .
          FILTER(STRENDS(STR(?role), "Relay") && STRENDS(STR(?orderp), "order")
                 && STRENDS(STR(?qp), "quantity") && STRENDS(STR(?up), "unit"))
        }""")
    assert [(str(s).rsplit(":", 1)[-1], str(r).rsplit(":", 1)[-1], int(o), float(v), str(u))
            for s, r, o, v, u in rows] == [
        ("courier-analysts", "the-courier", 1, 1.2e9, "USD")]
    assert isinstance(rdflib.Graph().parse(data=g.serialize(format="turtle"), format="turtle"),
                      rdflib.Graph)


def test_the_html_map_shows_the_chain_and_hears_the_relay(tmp_path, capsys):
    from ..present.test_html import page_data

    out = tmp_path / "map.html"
    assert main(["render", "--html", str(out), "--graph", str(RELAY)]) == 0
    capsys.readouterr()
    _, data = page_data(out)
    [west] = [e for e in data["edges"] if e["from"] == "west"]
    first = west["claims"][0]
    assert {k: first[k] for k in ("by_name", "via", "likelihood", "quantity", "who")} == {
        "by_name": "analysts cited by The Courier", "via": ", via The Courier",
        "likelihood": "likely", "quantity": "1,200,000,000 USD (\u201c$1.2bn\u201d)",
        "who": ["courier-analysts", "the-courier"]}
    # the outlet is a claimant to tick: what it relays is its word
    assert "the-courier" in [c["id"] for c in data["claimants"]]


def test_an_outlet_column_under_according_to_keeps_to_those_claimants(relay):
    p = perspectives(relay, "north", "south", by="outlet", according_to=["professor-lin"])
    assert p.columns == ("all", "the-courier")
    # what The Courier relays from Professor Lin only: not the minister, not the analysts
    assert {a: row["the-courier"] for a, row in p.cells.items()} == {
        "central": ("gains", 0.8), "east": ("gains", 0.54)}


def test_unnamed_speakers_a_page_quotes_itself_are_heard_as_the_page(write_graph):
    # "official sources told us" on an unsigned page: not a voice of their own beside the
    # page, or a page could multiply its word by quoting unnamed people
    G = actorgraph.load(write_graph("""\
        sources:
          - {id: signed, title: S, kind: article, author: desk}
          - {id: unsigned, title: U, kind: article}
        actors:
          - {id: desk, name: The desk, kind: organization}
          - {id: officials, name: official sources, kind: unidentified}
          - {id: ministry, name: The ministry, kind: government}
          - {id: ministry-sources, name: ministry sources, kind: unidentified,
             part_of: [ministry]}
        """), cache=False)
    heard = {(by, source): voice_of(G, Claim(by=by, source=source, quote="q"))
             for by in ("officials", "ministry-sources") for source in ("signed", "unsigned")}
    assert heard == {("officials", "signed"): "desk", ("officials", "unsigned"): "unsigned",
                     ("ministry-sources", "signed"): "ministry",
                     ("ministry-sources", "unsigned"): "ministry"}


ALAND_BOREA = DATA / "valid" / "aland-borea"


def test_a_relayed_claim_sits_under_its_relay_not_its_claimants_government():
    # A new user's graph: Borea's minister Jon Vale (part_of the energy ministry, part_of
    # the Borean government) told Reuters the cut hurts the steelmakers. By outlet, his
    # verdicts sit under Reuters only; the government column once showed them too, keyed
    # "Borean government = Borean officials", whose one claim gives no verdict.
    G = actorgraph.load(ALAND_BOREA, cache=False)
    p = perspectives(G, "aland", "borea", by="outlet")
    assert p.columns == ("all", "financial-times", "reuters")
    assert p.members == {"financial-times": ("ft-analysts",), "reuters": ("jon-vale",)}
    assert p.cells == {"borea": {"all": ("loses", 0.35), "reuters": ("loses", 0.35)},
                       "borean-steelmakers": {"all": ("loses", 0.7), "reuters": ("loses", 0.7)},
                       "coria": {"all": ("gains", 0.4725),
                                 "financial-times": ("gains", 0.4725)}}
    assert "borea-government" in p.silent
    # --according-to the government still hears its minister, whoever relays him
    assert who_gains(G, "aland", "borea", according_to=["borea-government"]).losers == [
        "borean-steelmakers", "borea"]


@pytest.mark.parametrize("folder", [ALAND_BOREA, RELAY, DATA / "valid" / "qatar-gcc-blockade"])
def test_every_outlet_column_rests_on_the_claimants_its_key_names(folder):
    G = actorgraph.load(folder, cache=False)
    [(a, b)] = {tuple(G.nodes[n]["record"].between) for n, k in G.nodes(data="kind")
                if k == "rift"}
    p = perspectives(G, a, b, by="outlet")
    for col in p.columns[1:]:
        said = {c.by for s in p.reports[col].stakes for e in s.evidence for st in e.steps
                for c in st.claims}
        assert said <= set(p.members[col]), col
