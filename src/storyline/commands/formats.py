"""How a command prints what it found: `--format table|tsv|csv|json` (`--json` for short).

A command builds one `Listing` (column names, plain-text rows, the JSON records, and how many
rows there were before `--limit`) and `emit` writes it:

- table: a Rich table in a terminal; piped or redirected, the same columns as aligned plain
  text at full width, one row a line (nothing cut to 80 columns);
- tsv: a header line and one line per row; a tab, newline, carriage return or backslash inside
  a cell is written as `\\t`, `\\n`, `\\r`, `\\\\` so every row stays one line;
- csv: RFC 4180 through the csv module; a cell that a spreadsheet would run as a formula
  (starting with = + - @, a tab or a carriage return) gets a leading apostrophe (the OWASP rule);
- json: the full records, one JSON array (or object), UTF-8.

When `--limit` cut the rows, the table's title says "20 of 1534 events"; the other formats,
meant for pipelines, say so on stderr, so a script never takes a cut list for the whole.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from storyline.app import UsageError, console, err_console

Cell = str | Text


class Format(StrEnum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"


FormatOption = Annotated[
    Format | None,
    typer.Option("--format", "-f", case_sensitive=False, show_default=False,
                 help="table (the default), tsv, csv or json."),
]


def chosen(fmt: Format | None, as_json: bool) -> Format:
    """The format asked for by `--format` and its `--json` shorthand."""
    if as_json and fmt not in (None, Format.json):
        raise UsageError(f"--json and --format {fmt.value} disagree: give one of them")
    return Format.json if as_json else (fmt or Format.table)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 article", "2 articles", "0 articles" ("1 series", "3 series" with `nouns`)."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


@dataclass
class Listing:
    """What one query command found, ready for any format."""

    noun: str  # "event": the title says "3 events"
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    records: Any = None  # what --format json prints, or a function giving it (called only
    # for json: turning thousands of records to dicts is slow); default: rows as objects
    total: int | None = None  # rows before --limit (None: nothing was cut)
    nouns: str | None = None  # irregular plural
    no_wrap: Sequence[str] = ()  # columns kept on one line in the table (dates, ids)

    @property
    def cut(self) -> bool:
        return self.total is not None and self.total > len(self.rows)

    def title(self) -> str:
        shown = plural(len(self.rows), self.noun, self.nouns)
        if self.cut:
            return f"{len(self.rows)} of {plural(self.total, self.noun, self.nouns)} " \
                   "(--limit 0 for all)"
        return shown


def limited(items: list, limit: int | None) -> tuple[list, int | None]:
    """The first `limit` items (0 or None: all) and the count before the cut (None if none)."""
    if limit and len(items) > limit:
        return items[:limit], len(items)
    return items, None


def _plain(cell: Cell | None) -> str:
    if cell is None:
        return ""
    return cell.plain if isinstance(cell, Text) else str(cell)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_cell(value: str) -> str:
    return value.translate(_TSV_ESCAPES)


def spreadsheet_safe(value: str) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula (OWASP)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_tsv(columns: Sequence[str], rows: Sequence[Sequence[Cell]], out=None) -> None:
    out = out or sys.stdout
    out.write("\t".join(columns) + "\n")
    for row in rows:
        out.write("\t".join(tsv_cell(_plain(c)) for c in row) + "\n")


def write_csv(columns: Sequence[str], rows: Sequence[Sequence[Cell]], out=None) -> None:
    writer = csv.writer(out or sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_safe(_plain(c)) for c in row])


def write_json(data: Any, out=None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def table_of(listing: Listing) -> Table:
    table = Table(title=listing.title())
    for name in listing.columns:
        table.add_column(name, no_wrap=name in listing.no_wrap)
    for row in listing.rows:
        table.add_row(*(c if isinstance(c, Text) else Text(c or "") for c in row))
    return table


def write_plain_table(listing: Listing, out=None) -> None:
    """The table as aligned columns of plain text, for a pipe or a file: every row on one line
    at full width, no box drawing (and ten times faster than Rich's layout, which measures and
    wraps every cell for a terminal)."""
    out = out or sys.stdout
    rows = [[" ".join(_plain(c).split()) for c in row] for row in listing.rows]
    widths = [cell_len(name) for name in listing.columns]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], cell_len(cell))

    def line(cells: Sequence[str]) -> str:
        padded = [c + " " * (w - cell_len(c)) for c, w in zip(cells[:-1], widths, strict=False)]
        return "  ".join([*padded, cells[-1]]).rstrip() + "\n"

    out.write(listing.title() + "\n")
    out.write(line(listing.columns))
    out.write(line(["-" * w for w in widths]))
    for row in rows:
        out.write(line(row))


def emit(listing: Listing, fmt: Format) -> None:
    """Print the listing in the chosen format (stdout), with a note on stderr if it was cut."""
    if fmt is Format.table:
        if console.is_terminal:
            console.print(table_of(listing))
        else:
            write_plain_table(listing)
        return
    if fmt is Format.json:
        records = listing.records() if callable(listing.records) else listing.records
        if records is None:
            records = [dict(zip(listing.columns, map(_plain, row), strict=True))
                       for row in listing.rows]
        write_json(records)
    elif fmt is Format.tsv:
        write_tsv(listing.columns, listing.rows)
    else:
        write_csv(listing.columns, listing.rows)
    if listing.cut:
        err_console.print(f"note: {listing.title()}", highlight=False)


def emit_summary(noun: str, values: dict, fmt: Format, title: str | None = None) -> None:
    """A command's summary (what build, ingest or extract did): key/value rows, or the dict
    itself as JSON."""
    if fmt is Format.json:
        write_json(values)
        return
    rows = [[k.replace("_", " "), "" if v is None else
             (", ".join(map(str, v)) if isinstance(v, list) else str(v))]
            for k, v in values.items()]
    if fmt is Format.table:
        table = Table(title=title or noun, show_header=False)
        table.add_column("key", no_wrap=True)
        table.add_column("value")
        for k, v in rows:
            table.add_row(Text(k), Text(v))
        console.print(table)
    elif fmt is Format.tsv:
        write_tsv(["key", "value"], rows)
    else:
        write_csv(["key", "value"], rows)
