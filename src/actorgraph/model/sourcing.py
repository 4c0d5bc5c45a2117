"""Where the graph's words come from: sources, the claims that cite them, and the one
confidence a claim carries (`claim_confidence`), from its own number or its Admiralty
grades."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .basics import Confidence, Id, NotBool, PartialDate, SourceText, Text, _Record
from .lintrules import LINT_RULES

__all__ = ["CREDIBILITY", "LIKELIHOOD", "LIKELIHOOD_WORDS", "RELIABILITY", "Claim", "Claims",
           "LintAck", "Quantity", "Source", "claim_confidence", "claim_grade", "claim_strength",
           "hedge_factor", "source_confidence"]


class LintAck(_Record):
    """A lint finding acknowledged by the curator: lint stays quiet about these rules here.

    ``lint: {ignore: [quote-reused], reason: "one sentence names both"}`` on a claim covers
    that claim; on a record (an actor, interest, effect, relation or event) it covers the
    record and every claim under it.
    """

    ignore: Annotated[list[Literal[LINT_RULES]],  # type: ignore[valid-type]
                      Field(min_length=1, description="the rules to keep quiet, by name")]
    reason: Text = Field(description="why the finding is acceptable here, for the next reader")


RELIABILITY: dict[str, float | None] = {"A": 0.9, "B": 0.75, "C": 0.6, "D": 0.4, "E": 0.2,
                                        "F": None}
"""NATO Admiralty source reliability (STANAG 2511) -> confidence. A completely reliable,
B usually reliable, C fairly reliable, D not usually reliable, E unreliable; F "cannot be
judged" is unknown (None), not zero."""

CREDIBILITY: dict[int, float | None] = {1: 0.9, 2: 0.7, 3: 0.5, 4: 0.3, 5: 0.1, 6: None}
"""NATO Admiralty information credibility -> confidence. 1 confirmed by other (independent)
sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable; 6 "cannot be judged" is
unknown (None), not zero. The numbers sit inside the ICD 203 ranges of the matching words
(probably true ~ likely, possibly true ~ roughly even chance, ...)."""


LIKELIHOOD: dict[str, float] = {
    "almost no chance": 0.03, "very unlikely": 0.125, "unlikely": 0.325,
    "roughly even chance": 0.5, "likely": 0.675, "very likely": 0.875, "almost certain": 0.97}
"""ICD 203's seven likelihood words -> the midpoint of the word's range (almost no chance
1-5%, very unlikely 5-20%, unlikely 20-45%, roughly even chance 45-55%, likely 55-80%, very
likely 80-95%, almost certain 95-99%): how far a claimant's own hedge lets its word count."""

LIKELIHOOD_WORDS: dict[str, str] = {
    **{w: w for w in LIKELIHOOD}, "remote": "almost no chance",
    "highly improbable": "very unlikely", "improbable": "unlikely",
    "roughly even odds": "roughly even chance", "probable": "likely",
    "highly probable": "very likely", "nearly certain": "almost certain"}
"""Every word ``likelihood`` accepts -> its canonical ICD 203 word (ICD 203 gives two words
for each range; both mean the same)."""

Likelihood = Literal["almost no chance", "very unlikely", "unlikely", "roughly even chance",
                     "likely", "very likely", "almost certain", "remote", "highly improbable",
                     "improbable", "roughly even odds", "probable", "highly probable",
                     "nearly certain"]


class Quantity(_Record):
    """A number a claim states: ``{value: 1200000000, unit: USD, text: "$1.2bn"}``."""

    value: Annotated[float, NotBool] = Field(
        description="the number, in `unit` (1200000000 for $1.2bn; 25 for 25%)")
    unit: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                           max_length=40)] = Field(
        description="what the value counts: USD, percent, tonnes, barrels/day, ...")
    text: Text = Field(description="the words as the source gives them (\"$1.2bn\"); checked "
                       "to occur in the claim's quote")

    @model_validator(mode="after")
    def _finite(self) -> Quantity:
        if self.value != self.value or self.value in (float("inf"), float("-inf")):
            raise ValueError("a quantity's value must be a finite number")
        return self


class Claim(_Record):
    """Someone's word, in a source: the only way anything enters the graph.

    ``by`` is the claimant (an actor id: a spokesman, the article's author, a commenter);
    ``stance`` says whether the claimant asserts the thing, denies it or speculates;
    ``likelihood`` how sure the claimant says it is (ICD 203 words). ``via`` lists who relayed
    the claim from its claimant to the source, in that order (the page retells a newspaper
    that cites unnamed analysts: ``by: unnamed-analysts, via: [the-newspaper]``).
    """

    by: Id
    source: Id
    quote: Text
    locator: str | None = Field(default=None, description="where in the source, e.g. 'para 3' "
                                "(with the source's archived text, checked: paragraphs are "
                                "separated by blank lines)")
    stance: Literal["asserts", "denies", "speculates"] = "asserts"
    likelihood: Likelihood | None = Field(
        default=None, description="the claimant's own hedge, in ICD 203 words: almost no "
        "chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost "
        "certain (or their ICD 203 synonyms); the claim counts its confidence times the "
        "word's midpoint; not with stance: denies")
    via: list[Id] = Field(default_factory=list, description="actor ids of the outlets or "
                          "people the claim passed through, from the claimant toward the "
                          "source (the outlet the source cites comes last)")
    quantity: Quantity | None = Field(default=None, description="a number the claim states, "
                                      "e.g. {value: 1200000000, unit: USD, text: \"$1.2bn\"}")
    confidence: Confidence | None = Field(
        default=None, description="0..1; defaults to the credibility's, else the source's")
    credibility: Annotated[int, Field(ge=1, le=6)] | None = Field(
        default=None, description="NATO Admiralty information credibility: 1 confirmed by other "
        "sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be "
        "judged (unknown: the source's confidence applies)")
    note: Text | None = Field(default=None, description="the curator's reading of the quote")
    lint: LintAck | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.confidence is not None and self.credibility is not None:
            raise ValueError("give 'confidence' or 'credibility', not both: each sets the "
                             "claim's confidence")
        if self.stance == "denies" and self.likelihood is not None:
            raise ValueError("a denial takes no likelihood: the words say how likely the "
                             "claimant thinks the thing is; for a claimant who doubts it, "
                             "write stance: denies alone (with a lower confidence when the "
                             "denial is hedged)")
        if self.by in self.via:
            raise ValueError(f"via names the claimant '{self.by}': via lists who relayed the "
                             "claim, not who made it")
        repeated = sorted({x for x in self.via if self.via.count(x) > 1})
        if repeated:
            raise ValueError(f"via names '{repeated[0]}' twice: each relay once, in order")
        return self


def hedge_factor(claim: Claim) -> float:
    """How far the claimant's own hedge lets its word count, in (0, 1]: its ``likelihood``'s
    midpoint (`LIKELIHOOD`); without one, 0.5 for ``speculates`` (roughly even chance) and 1
    for ``asserts`` or ``denies``. A hedge never raises a claim above its confidence."""
    if claim.likelihood is not None:
        return LIKELIHOOD[LIKELIHOOD_WORDS[claim.likelihood]]
    return LIKELIHOOD["roughly even chance"] if claim.stance == "speculates" else 1.0


def claim_strength(claim: Claim, sources: Mapping[str, Source]) -> float:
    """How far a claim's word can be relied on, in [0, 1], the one number every analysis and
    lint reads: its confidence (`claim_confidence`) times its hedge (`hedge_factor`).

    >>> s = {"s": Source(id="s", title="t", kind="article", confidence=0.8)}
    >>> [round(claim_strength(Claim(by="x", source="s", quote="q", **k), s), 3) for k in
    ...  ({}, {"stance": "speculates"}, {"likelihood": "likely"})]
    [0.8, 0.4, 0.54]
    """
    return claim_confidence(claim, sources) * hedge_factor(claim)


def source_confidence(source: Source) -> float:
    """A source's confidence: from its ``reliability`` grade if it has one that can be
    judged (A-E), else its ``confidence`` (0.7 unless given; reliability F falls back to it)."""
    grade = RELIABILITY.get(source.reliability) if source.reliability else None
    return grade if grade is not None else source.confidence


def claim_confidence(claim: Claim, sources: Mapping[str, Source]) -> float:
    """The one confidence of a claim, used everywhere; the most specific statement wins:

    1. the claim's ``confidence`` (a number), else
    2. its ``credibility`` grade (1-5, `CREDIBILITY`), else
    3. its source's ``reliability`` grade (A-E, `RELIABILITY`), else
    4. its source's ``confidence`` (0.7 unless given).

    A grade that cannot be judged (credibility 6, reliability F) is unknown, not zero: it
    falls through to the next step. A source not in `sources` gives 0.
    """
    if claim.confidence is not None:
        return claim.confidence
    graded = CREDIBILITY.get(claim.credibility) if claim.credibility else None
    if graded is not None:
        return graded
    source = sources.get(claim.source)
    return source_confidence(source) if source is not None else 0.0


def claim_grade(claim: Claim, sources: Mapping[str, Source]) -> str | None:
    """The Admiralty grade as analysts write it, source letter then claim digit (``B2``),
    with ``?`` for the half not given; None when neither is."""
    source = sources.get(claim.source)
    letter = source.reliability if source is not None else None
    if letter is None and claim.credibility is None:
        return None
    return f"{letter or '?'}{claim.credibility or '?'}"


Claims = Annotated[list[Claim], Field(min_length=1)]


class Source(_Record):
    """Where claims were made: an article, a statement, a reader comment..."""

    id: Id
    title: Text
    kind: Literal["article", "statement", "interview", "comment", "report", "other"]
    author: Id | None = Field(default=None, description="actor id of the author, if known")
    publisher: Text | None = None
    url: Text | None = None
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] | None = None
    in_reply_to: Id | None = Field(default=None, description="source this one comments on")
    confidence: Confidence = Field(
        default=0.7, description="default confidence of this source's claims")
    reliability: Literal["A", "B", "C", "D", "E", "F"] | None = Field(
        default=None, description="NATO Admiralty source reliability: A completely reliable, B "
        "usually, C fairly, D not usually, E unreliable, F cannot be judged (unknown: the "
        "default confidence applies)")
    text: SourceText | None = Field(
        default=None, description="the source's archived text, a UTF-8 file inside the graph "
        "folder (e.g. sources/article.txt): every quote citing the source, and its 'para N' "
        "locator, is checked against it")
    note: Text | None = None
    formerly: list[Id] = Field(default_factory=list, description="ids this record had in earlier "
                               "versions (a rename, reported as such by diff)")

    @model_validator(mode="after")
    def _one_grade(self) -> Source:
        if self.reliability is not None and "confidence" in self.model_fields_set:
            raise ValueError("give 'confidence' or 'reliability', not both: each sets the "
                             "source's confidence")
        return self
