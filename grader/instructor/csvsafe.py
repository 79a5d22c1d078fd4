r"""Every CSV the grader writes or reads: the :mod:`csv` module, UTF-8, no formulas.

Student names and file names end up in exports that instructors open in a spreadsheet, so
each text cell is neutralised as OWASP's "CSV Injection" page recommends: a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so
the spreadsheet shows it as text instead of running it (``=HYPERLINK(...)``,
``+cmd|' /C calc'!A0``); quoting of commas, quotes and newlines is the :mod:`csv` module's.
Numbers the grader computes are written as numbers: ``-2.5`` is a number, not a formula,
and stays importable.

:func:`csv_text` is the one writer (every export calls it), :func:`read_csv` the one reader
of the CSVs an instructor gives (rosters, extensions, submission times): UTF-8 with or
without the byte-order mark Excel writes, a header row, and errors that say which file and
line is wrong and what to do.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

#: What a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Bytes of a CSV an instructor gives (a roster of 10,000 students is ~1 MB).
MAX_CSV_BYTES = 64 * 2**20

Cell = str | int | float | None


class CsvError(ValueError):
    """A CSV the instructor gave cannot be used; the message says why and what to do."""


def safe_cell(value: Cell) -> str | int | float:
    """A cell as written: text neutralised against formulas, numbers as they are, ``None``
    as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):  # a bool is an int to Python, a word to a spreadsheet
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A CSV document: ``header`` then ``rows``, every cell through :func:`safe_cell`.
    Lines end in CRLF, as RFC 4180 has them, so a cell holding a lone carriage return is
    quoted too (with ``\n`` line ends the :mod:`csv` module leaves it bare)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def write_csv(path: Path, text: str) -> None:
    """Write a CSV document as UTF-8 (without a byte-order mark: Canvas and Moodle read
    UTF-8 as it is)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def read_csv(path: Path, what: str, required: Sequence[str] = ()) -> tuple[list[str], list[dict[str, str]]]:
    """``(header, rows)`` of a CSV an instructor gives; ``what`` names it in errors
    ("the Canvas roster").  Header names are stripped of spaces; ``required`` columns must
    be there.  A leading ``'`` that a spreadsheet kept is not removed: values are data."""
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise CsvError(f"{what} {path} is over {MAX_CSV_BYTES // 2**20} MB; is it the right file?")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CsvError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise CsvError(
            f"{what} {path} is not UTF-8 (byte {exc.start}); save it again as 'CSV UTF-8'"
        ) from None
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise CsvError(f"{what} {path} is not a readable CSV: {exc}") from None
    if not table or not any(cell.strip() for cell in table[0]):
        raise CsvError(f"{what} {path} is empty: it needs a header row, then one row per line")
    header = [name.strip() for name in table[0]]
    missing = [name for name in required if name not in header]
    if missing:
        raise CsvError(
            f"{what} {path} has no column {', '.join(repr(m) for m in missing)}; its columns are: "
            f"{', '.join(repr(h) for h in header)}"
        )
    rows = []
    for cells in table[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        rows.append({name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)})
    return header, rows
