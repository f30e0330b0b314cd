"""Write the mojibake version of a clean article, as a badly configured system would have saved it.

The damage is the everyday kind: UTF-8 bytes decoded with the wrong legacy encoding and the
resulting characters saved again as UTF-8, so that ’ becomes â€™ (cp1252) or 鈥檚 (GBK).

    python examples/make_mojibake.py                      # the committed example
    python examples/make_mojibake.py SOURCE OUTPUT --encoding gbk

cp1252 follows the WHATWG decoder that browsers use (the five bytes cp1252 leaves undefined come
out as the C1 control characters of the same number); GBK follows Python's errors="replace" (a
byte that cannot pair becomes U+FFFD and is lost), which is how seed 003 was damaged.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE / "sources" / "2025-01-16-ceasefire-agreement.txt"
DEFAULT_OUTPUT = HERE / "corpus" / "2025-01-16-ceasefire-agreement-mojibake.txt"


def misdecode(clean: str, encoding: str) -> str:
    """The text a reader gets when it decodes the UTF-8 bytes of `clean` as `encoding`."""
    data = clean.encode("utf-8")
    if encoding == "cp1252":
        return "".join(_cp1252_byte(b) for b in data)
    return data.decode(encoding, errors="replace")


def _cp1252_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D: WHATWG maps them to C1 controls
        return chr(byte)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--encoding", choices=["cp1252", "gbk"], default="cp1252")
    args = parser.parse_args()
    clean = args.source.read_text(encoding="utf-8")
    damaged = misdecode(clean, args.encoding)
    args.output.write_text(damaged, encoding="utf-8", newline="\n")
    before = sum(1 for ch in clean if ord(ch) > 127)
    after = sum(1 for ch in damaged if ord(ch) > 127)
    print(f"wrote {args.output}: {before} non-ASCII characters read as {args.encoding} "
          f"became {after}")


if __name__ == "__main__":
    main()
