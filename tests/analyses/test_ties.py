"""One sign per pair: ties by domain and by period (`actorgraph.analyses.ties`), as balance
reads them, on a small written graph (tests/data/valid/ties-by-domain) and on Gahuku-Gama."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actorgraph
from actorgraph.analyses.balance import structural_balance
from actorgraph.analyses.claims import claim_filter
from actorgraph.analyses.ties import Mixed, SetAside, Tie, domains_of, pair_ties
from actorgraph.cli.main import main
from actorgraph.errors import UsageError

from ..conftest import DATA

DOMAINS = DATA / "valid" / "ties-by-domain"
GAHUKU_GAMA = DATA / "valid" / "gahuku-gama"


@pytest.fixture(scope="module")
def G():
    return actorgraph.load(DOMAINS, cache=False)


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_security_ties_only_give_the_exact_triads(G):
    report = structural_balance(G, domain="security")
    assert [(t.a, t.b, t.sign) for t in report.ties] == [
        ("arland", "borvia", 1), ("arland", "cestra", 1), ("borvia", "cestra", -1),
        ("borvia", "dunmark", 1)]
    assert [(t.actors, t.signs) for t in report.triads] == [
        (("arland", "borvia", "cestra"), (1, 1, -1))]
    assert report.mixed == ()
    assert report.options["domain"] == ["security"]
    # economic ties only: the sanctions count, and nothing else of Arland and Borvia
    economic = structural_balance(G, domain=["economic"])
    assert [(t.a, t.b, t.sign, t.relations) for t in economic.ties] == [
        ("arland", "borvia", -1, ("relation:arland->borvia:economic/sanctions@2022-03",)),
        ("arland", "dunmark", 1, ("relation:arland~dunmark:economic/agreement",))]


def test_domains_that_disagree_take_the_first_domains_sign_and_say_so(G):
    report = structural_balance(G)
    assert report.mixed == (Mixed(
        "arland", "borvia", 1, "security",
        (("security", 1, ("relation:arland~borvia:security/partnership@2015",)),
         ("economic", -1, ("relation:arland->borvia:economic/sanctions@2022-03",)))),)
    tie = next(t for t in report.ties if (t.a, t.b) == ("arland", "borvia"))
    assert tie == Tie("arland", "borvia", 1,
                      ("relation:arland~borvia:security/partnership@2015",))
    assert [(t.actors, t.pattern) for t in report.tensions] == [
        (("arland", "borvia", "cestra"), "++-"), (("borvia", "cestra", "dunmark"), "++-")]


def test_the_latest_period_counts_and_the_older_ties_are_listed(G):
    report = structural_balance(G)
    assert report.set_aside == (
        SetAside("arland", "cestra", "relation:arland~cestra:security/hostility@1899",
                 "relation:arland~cestra:security/alliance@1904"),
        SetAside("borvia", "dunmark", "relation:borvia~dunmark:security/war@1899",
                 "relation:borvia~dunmark:security/alliance@1903"))
    signs = {(t.a, t.b): t.sign for t in report.ties}
    assert signs[("arland", "cestra")] == 1 and signs[("borvia", "dunmark")] == 1


def test_a_hostility_until_1903_and_an_alliance_since_1904(tmp_path, capsys):
    (tmp_path / "graph.yaml").write_text(
        "sources:\n  - {id: s, title: S, kind: article}\n"
        "actors:\n  - {id: a, name: A, kind: state}\n  - {id: b, name: B, kind: state}\n"
        "relations:\n"
        "  - {between: [a, b], kind: hostility, since: '1899', until: '1903',\n"
        "     claims: [{by: a, source: s, quote: 'A and B were hostile until 1903'}]}\n"
        "  - {between: [a, b], kind: alliance, since: '1904',\n"
        "     claims: [{by: a, source: s, quote: 'A and B allied in 1904'}]}\n")
    code, out = run(capsys, "balance", "--graph", str(tmp_path))
    assert code == 0
    assert out.splitlines()[:3] == [
        "Structural balance of the actor-actor relations",
        "1 signed tie, 0 triads: strict (Heider) balance 0 balanced / 0 unbalanced; weak "
        "(Davis, --- allowed) 0 / 0.",
        "Latest period of each pair: 1 tie that ended before a later tie of the same pair "
        "began set aside; use --as-of DATE for another day."]
    G = actorgraph.load(tmp_path, cache=False)
    assert [(t.a, t.b, t.sign) for t in structural_balance(G).ties] == [("a", "b", 1)]
    # on a day of the hostility, the hostility alone holds, and nothing is set aside
    old = structural_balance(G, as_of="1900")
    assert ([(t.a, t.b, t.sign) for t in old.ties], old.set_aside) == ([("a", "b", -1)], ())


def test_as_of_a_period_two_spells_share_the_later_one_counts(G):
    report = structural_balance(G, as_of="1903")
    assert report.set_aside == (
        SetAside("borvia", "dunmark", "relation:borvia~dunmark:security/war@1899",
                 "relation:borvia~dunmark:security/alliance@1903"),)
    signs = {(t.a, t.b): t.sign for t in report.ties}
    assert signs == {("arland", "cestra"): -1, ("borvia", "cestra"): -1,
                     ("borvia", "dunmark"): 1, ("arland", "dunmark"): 1,
                     ("cestra", "dunmark"): 1}


def test_the_balance_command_says_where_each_rule_applied(capsys):
    code, out = run(capsys, "balance", "--graph", str(DOMAINS), "--explain")
    assert code == 0
    assert out.splitlines()[1:7] == [
        "6 signed ties, 4 triads: strict (Heider) balance 2 balanced / 2 unbalanced; weak "
        "(Davis, --- allowed) 2 / 2.",
        "Latest period of each pair: 2 ties that ended before a later tie of the same pair "
        "began set aside; use --as-of DATE for another day:",
        "  Arland / Cestra: security hostility 1899 to 1903, before security alliance since 1904",
        "  Borvia / Dunmark: security war 1899 to 1903, before security alliance 1903 to 1914",
        "Ties of different domains disagree for 1 pair; it takes the sign of the first of "
        "security, diplomatic, economic, other that has one:",
        "  Arland + Borvia from security + (partnership since 2015); economic - (sanctions "
        "since 2022-03) set aside"]
    code, out = run(capsys, "balance", "--graph", str(DOMAINS), "--domain", "security",
                    "--format", "markdown")
    assert out.splitlines()[:5] == [
        "## Structural balance (security ties only)", "",
        "4 signed ties, 1 triad: strict (Heider) balance 0 balanced / 1 unbalanced; weak "
        "(Davis, --- allowed) 0 / 1.", "",
        "Latest period of each pair: 2 ties that ended before a later tie of the same pair "
        "began set aside; use --as-of DATE for another day."]
    assert "- Arland + Borvia, Arland + Cestra, Borvia - Cestra (++-)" in out
    code, out = run(capsys, "balance", "--graph", str(DOMAINS), "--format", "json")
    data = json.loads(out)
    assert data["mixed"] == [{
        "a": "arland", "b": "borvia", "sign": 1, "domain": "security", "domains": [
            {"domain": "security", "sign": 1,
             "relations": ["relation:arland~borvia:security/partnership@2015"]},
            {"domain": "economic", "sign": -1,
             "relations": ["relation:arland->borvia:economic/sanctions@2022-03"]}]}]
    assert [s["relation"] for s in data["set_aside"]] == [
        "relation:arland~cestra:security/hostility@1899",
        "relation:borvia~dunmark:security/war@1899"]
    assert data["options"]["domain"] is None


def test_an_unknown_domain_is_a_usage_error_naming_the_choices(G, capsys):
    with pytest.raises(UsageError, match="unknown domain 'trade': choose from security, "
                                         "diplomatic, economic, other"):
        pair_ties(G, domain="trade")
    assert domains_of(["other", "security"]) == ("security", "other")
    assert main(["balance", "--graph", str(DOMAINS), "--domain", "trade"]) == 2
    assert "invalid choice: 'trade'" in capsys.readouterr().err


def test_a_domain_with_no_tie_says_where_the_ties_are(capsys):
    # the bundled graph's ties carry no domain: --domain security found nothing, silently
    from ..conftest import GRAPH_DIR

    assert main(["balance", "--graph", str(GRAPH_DIR), "--domain", "security"]) == 0
    # counted as balance counts them (pairs with a supported tie): 8, as plain `balance`
    # says, not the 9 signed relation records it once said (a new user's finding): Russia's
    # threat to Azerbaijan is only denied ("Russia has never threatened ..."), no tie
    assert capsys.readouterr().out.splitlines()[1] == (
        "No security tie in this graph; signed ties of other domains, counted as here: "
        "8 other (a tie without 'domain' is other).")
    assert main(["balance", "--graph", str(GRAPH_DIR)]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("8 signed ties, ")
    assert main(["balance", "--graph", str(GRAPH_DIR), "--domain", "security",
                 "--according-to", "Peskov"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "No signed tie under these filters, of any domain.")
    assert main(["balance", "--graph", str(GRAPH_DIR), "--domain", "security",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["elsewhere"] == {"other": 8}


def test_gahuku_gama_has_one_domain_and_no_dates_so_no_rule_applies():
    report = structural_balance(actorgraph.load(GAHUKU_GAMA, cache=False))
    assert (report.set_aside, report.mixed, len(report.ties)) == ((), (), 58)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(["security", "economic", "diplomatic", "other"]),
                       st.sampled_from(["alliance", "partnership", "rivalry", "sanctions"]),
                       min_size=1))
def test_the_pair_sign_is_the_first_domain_with_a_sign(ties):
    """Undated ties of one pair, one per domain: the pair takes the sign of the first domain
    of security, diplomatic, economic, other that has a tie, and is reported as mixed exactly
    when another domain's sign differs."""
    rows = "".join(f"  - {{between: [a, b], kind: {k}, domain: {d}, claims: [{{by: a, "
                   f"source: s, quote: 'A and B {k} {d}'}}]}}\n" for d, k in ties.items())
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "graph.yaml").write_text(
            "sources:\n  - {id: s, title: S, kind: article}\nactors:\n"
            "  - {id: a, name: A, kind: state}\n  - {id: b, name: B, kind: state}\n"
            f"relations:\n{rows}")
        G = actorgraph.load(Path(tmp), cache=False)
    sign = {d: 1 if k in ("alliance", "partnership") else -1 for d, k in ties.items()}
    first = next(d for d in ("security", "diplomatic", "economic", "other") if d in sign)
    result = pair_ties(G, claim_filter(G))
    assert [t.sign for t in result.ties.values()] == [sign[first]]
    assert [m.domain for m in result.mixed] == ([first] if len(set(sign.values())) > 1
                                                 else [])


def test_a_tie_moved_to_another_domain_is_a_changed_record_in_diff(G, tmp_path):
    from actorgraph.analyses.diff import diff_graphs

    text = (DOMAINS / "graph.yaml").read_text(encoding="utf-8")
    old = "kind: agreement\n    domain: economic"
    assert old in text
    (tmp_path / "graph.yaml").write_text(text.replace(old, "kind: agreement\n    domain: "
                                                            "diplomatic"), encoding="utf-8")
    changes = diff_graphs(G, actorgraph.load(tmp_path, cache=False)).records
    # the domain is part of the tie's id (as its since is), but a tie moved to another
    # domain alone is one changed record, not one removed and one added (d55bd39)
    changed = [c for c in changes if c.type == "relation"]
    assert [(c.kind, c.id) for c in changed] == [
        ("changed", "relation:arland~dunmark:diplomatic/agreement")]


def test_gains_infers_from_the_ties_balance_sees(G):
    from actorgraph.analyses.gains import who_gains

    # Arland and Borvia: partnership (security) and sanctions (economic) net to 0 if simply
    # summed; by the domain rule they are friends, so a rift between them is inferred to
    # help Cestra (Arland's ally since 1904, its 1899-1903 hostility set aside; Borvia's
    # rival) and to cross-pressure Dunmark (friend of both)
    report = who_gains(G, "arland", "borvia", inferred=True)
    verdicts = {s.actor: (s.verdict, [e.reason for e in s.evidence]) for s in report.inferred}
    assert verdicts == {
        "cestra": ("gains", ["its friend Arland breaks with its adversary Borvia"]),
        "dunmark": ("loses", ["friend of both Arland and Borvia: cross-pressured"])}


def test_show_names_each_ties_domain_and_dates(capsys):
    code, out = run(capsys, "show", "arland", "--graph", str(DOMAINS))
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith("  ") and ": Arland" in line] == [
        "  security partnership: Arland (arland) ~ Borvia (borvia) (since 2015)",
        "  economic sanctions: Arland (arland) -> Borvia (borvia) (since 2022-03)",
        "  security hostility: Arland (arland) ~ Cestra (cestra) (1899 to 1903)",
        "  security alliance: Arland (arland) ~ Cestra (cestra) (since 1904)",
        "  economic agreement: Arland (arland) ~ Dunmark (dunmark)"]
