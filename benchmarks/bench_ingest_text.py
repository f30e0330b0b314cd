"""Per-article text stages of ingest on the BBC news set (../shared/data/news/*.jsonl).

Times `repair_text`, `article_id` + `minhash`, and `detect_language` per article (clean text,
as stored), then measures mojibake repair: each article's UTF-8 is damaged the way a cp1252 or a
GBK reader damages it, repaired, and compared with the original. The BBC texts use few curly
quotes, so a second, harder set "smartens" their straight quotes and spaced hyphens first
(“ ” ’ — everywhere, which is where GBK readers lose bytes).

    python benchmarks/bench_ingest_text.py [--limit N] [--skip N]

The GBK context rules were written while looking at errors on the first 200 articles; use
`--skip 200 --limit 0` for figures on articles they were not tuned on.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

NEWS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news"
DAMAGE = {
    "cp1252/replace": ("cp1252", "replace"),
    "cp1252/ignore": ("cp1252", "ignore"),
    "gbk/replace": ("gbk", "replace"),
    "gbk/ignore": ("gbk", "ignore"),
    "gb18030/replace": ("gb18030", "replace"),
}


def smarten(text: str) -> str:
    """Straight quotes to curly ones and spaced hyphens to em dashes (a typographer's pass).

    A quote mark opens after a space or bracket when a non-space follows it; else it closes.
    """
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    text = re.sub(r"(^|[\s(\[])\"(?=\S)", "\\1\u201c", text)
    text = text.replace('"', "\u201d")
    text = re.sub(r"(^|[\s(\[])'(?=\S)", "\\1\u2018", text)
    text = text.replace("'", "\u2019")
    return text.replace(" - ", " \u2014 ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="articles (0 = all)")
    parser.add_argument(
        "--skip", type=int, default=0, help="skip the first N (the repair rules were tuned on 200)"
    )
    args = parser.parse_args()
    files = sorted(NEWS.glob("*.jsonl"))
    if not files:
        print(f"skipped: no news data at {NEWS.resolve()}")
        return 0
    from storyline.ingest.identity import article_id, minhash
    from storyline.ingest.language import detect_language
    from storyline.ingest.repair import repair_text

    texts = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line).get("text") or "" for line in handle)
    texts = texts[args.skip :]
    if args.limit:
        texts = texts[: args.limit]
    texts = [t for t in texts if t.strip()]
    detect_language(texts[0])  # loads the model (about 0.5 s): not a per-article cost
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(texts)} articles, {words:.0f} words on average")

    timings = {}
    for name, stage in (
        ("repair_text", repair_text),
        ("article_id+minhash", lambda t: (article_id(t), minhash(t))),
        ("detect_language", detect_language),
    ):
        start = time.perf_counter()
        for text in texts:
            stage(text)
        timings[name] = (time.perf_counter() - start) / len(texts) * 1000
    total = sum(timings.values())
    for name, ms in timings.items():
        print(f"  {name:<20} {ms:6.3f} ms/article")
    print(f"  {'total':<20} {total:6.3f} ms/article  ({1000 / total:.0f} articles/s on one core)")
    touched = [i for i, text in enumerate(texts) if repair_text(text)[0] != text]
    print(f"  clean articles changed by repair_text: {len(touched)} {touched[:10]}")
    languages: dict[str, int] = {}
    for text in texts:
        code = detect_language(text)[0]
        languages[code] = languages.get(code, 0) + 1
    print(f"  languages: {languages}")

    for label, corpus in (
        ("BBC as published", texts),
        ("BBC smartened", list(map(smarten, texts))),
    ):
        print(f"\nmojibake round trip, {label}:")
        for name, (codec, errors) in DAMAGE.items():
            exact = damaged_count = lost = wrong = 0
            start = time.perf_counter()
            for text in corpus:
                damaged = text.encode("utf-8").decode(codec, errors=errors)
                if damaged == text:
                    continue
                damaged_count += 1
                lost += damaged.count("\ufffd")
                repaired, _ = repair_text(damaged)
                exact += repaired == text
                if len(repaired) == len(text):
                    wrong += sum(a != b for a, b in zip(repaired, text, strict=True))
                else:
                    wrong += abs(len(repaired) - len(text)) + 1
            ms = (time.perf_counter() - start) / max(damaged_count, 1) * 1000
            print(
                f"  {name:<16} damaged {damaged_count:4d}  exact {exact:4d} "
                f"({exact / max(damaged_count, 1):6.1%})  U+FFFD in input {lost:5d}  "
                f"wrong chars {wrong:4d}  {ms:.2f} ms/article"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
