"""Write a synthetic actorgraph folder of realistic shape, for benchmarks.

Shape per actor (on average): 2.5 interests with 2 claims each, one relation with 3 claims,
and half an outcome's effects with 2 claims each: about 10 claims per actor. Actors sit 20
to a file, outcomes 50 to a file, like a curated graph split by region. Deterministic for a
seed.

    python benchmarks/synth.py OUT_DIR --actors 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

QUOTE_WORDS = ("relations", "strategic", "pressure", "corridor", "influence", "alliance",
               "sanctions", "talks", "border", "energy", "security", "pipeline", "wedge")


def _quote(rng: random.Random) -> str:
    return " ".join(rng.choice(QUOTE_WORDS) for _ in range(rng.randint(6, 14)))


def _claims(rng: random.Random, n_actors: int, n_sources: int, k: int, indent: str) -> str:
    out = f"{indent}claims:\n"
    for _ in range(k):
        stance = rng.choices(("asserts", "speculates", "denies"), (8, 3, 1))[0]
        out += (f"{indent}  - by: actor-{rng.randrange(n_actors)}\n"
                f"{indent}    source: source-{rng.randrange(n_sources)}\n"
                f"{indent}    locator: para {rng.randint(1, 30)}\n"
                f"{indent}    stance: {stance}\n"
                f"{indent}    quote: \"{_quote(rng)}\"\n")
    return out


def write_synthetic_graph(out: Path, n_actors: int, seed: int = 1) -> dict[str, int]:
    """Write the graph into `out` (created); return the number of records of each type."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    n_sources = max(10, n_actors // 10)
    n_outcomes = max(10, n_actors // 2)
    n_rifts = max(2, n_outcomes // 10)
    counts = {"actors": n_actors, "sources": n_sources, "outcomes": n_outcomes,
              "interests": 0, "effects": 0, "relations": 0}

    text = "sources:\n"
    for i in range(n_sources):
        text += (f"  - id: source-{i}\n    title: Synthetic source {i}\n    kind: article\n"
                 f"    author: actor-{rng.randrange(n_actors)}\n"
                 f"    published: 2025-{rng.randint(1, 12):02d}\n"
                 f"    confidence: {rng.choice((0.3, 0.5, 0.6, 0.8))}\n")
    (out / "sources.yaml").write_text(text, encoding="utf-8")

    actor_dir = out / "actors"
    actor_dir.mkdir(exist_ok=True)
    blocs = list(range(0, n_actors, 50))  # every 50th actor is a bloc
    for start in range(0, n_actors, 20):
        text = "actors:\n"
        for i in range(start, min(start + 20, n_actors)):
            kind = "bloc" if i in blocs else rng.choice(("state", "state", "faction", "person"))
            text += f"  - id: actor-{i}\n    name: Actor {i}\n    kind: {kind}\n"
            if kind != "bloc" and rng.random() < 0.3:
                text += f"    part_of: [actor-{rng.choice(blocs)}]\n"
            chosen = rng.sample(range(n_outcomes), rng.choice((2, 2, 3, 3)))
            counts["interests"] += len(chosen)
            text += "    interests:\n"
            for o in chosen:
                text += (f"      - outcome: outcome-{o}\n"
                         f"        stance: {rng.choice(('wants', 'opposes'))}\n")
                text += _claims(rng, n_actors, n_sources, 2, "        ")
        (actor_dir / f"actors-{start // 20:04d}.yaml").write_text(text, encoding="utf-8")

    outcome_dir = out / "outcomes"
    outcome_dir.mkdir(exist_ok=True)
    for start in range(0, n_outcomes, 50):
        text = "outcomes:\n"
        for o in range(start, min(start + 50, n_outcomes)):
            if o < n_rifts:
                a, b = 2 * o + 1, 2 * o + 2  # rift-0 is between actor-1 and actor-2
                text += (f"  - id: outcome-{o}\n    label: Rift {o}\n    kind: rift\n"
                         f"    between: [actor-{a}, actor-{b}]\n")
            else:
                text += f"  - id: outcome-{o}\n    label: Outcome {o}\n    kind: other\n"
            targets = {rng.randrange(n_outcomes) for _ in range(rng.choice((1, 2, 2, 3)))}
            targets.discard(o)
            if targets:
                text += "    effects:\n"
                for t in sorted(targets):
                    counts["effects"] += 1
                    text += (f"      - to: outcome-{t}\n"
                             f"        sign: {rng.choice(('advances', 'advances', 'hinders'))}\n")
                    text += _claims(rng, n_actors, n_sources, 2, "        ")
        (outcome_dir / f"outcomes-{start // 50:04d}.yaml").write_text(text, encoding="utf-8")

    text = "relations:\n"
    pairs: set[frozenset[int]] = {frozenset((1, 2))}
    text += "  - between: [actor-1, actor-2]\n    kind: alliance\n"
    text += _claims(rng, n_actors, n_sources, 2, "    ")
    while len(pairs) < n_actors:
        a, b = rng.randrange(n_actors), rng.randrange(n_actors)
        if a == b or frozenset((a, b)) in pairs:
            continue
        pairs.add(frozenset((a, b)))
        kind = rng.choice(("alliance", "partnership", "rivalry", "hostility"))
        # one relation per pair, so no pair is both allied and hostile (a load error)
        text += f"  - between: [actor-{a}, actor-{b}]\n    kind: {kind}\n"
        text += _claims(rng, n_actors, n_sources, 3, "    ")
    counts["relations"] = len(pairs)
    (out / "relations.yaml").write_text(text, encoding="utf-8")
    return counts


def mutate_graph(folder: Path, fraction: float, seed: int = 2) -> int:
    """Change about `fraction` of the actors in place: rename some, flip an interest's stance
    or re-quote a claim of others. Returns how many actors were touched."""
    import re

    rng = random.Random(seed)
    touched = 0
    for path in sorted((folder / "actors").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        blocks = re.split(r"(?m)^(?=  - id: )", text)
        for i, block in enumerate(blocks):
            if not block.startswith("  - id: ") or rng.random() >= fraction:
                continue
            touched += 1
            choice = rng.randrange(3)
            if choice == 0:
                block = re.sub(r"(?m)^(    name: .*)$", r"\1 (revised)", block, count=1)
            elif choice == 1:
                block = block.replace("stance: wants", "stance: TMP", 1).replace(
                    "stance: opposes", "stance: wants", 1).replace("stance: TMP",
                                                                   "stance: opposes", 1)
            else:
                block = re.sub(r'quote: "', 'quote: "revised ', block, count=1)
            blocks[i] = block
        path.write_text("".join(blocks), encoding="utf-8")
    return touched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(write_synthetic_graph(args.out, args.actors, args.seed))


if __name__ == "__main__":
    main()
