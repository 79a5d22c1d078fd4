r"""Text that comes from a submission is data: cleaned where it enters the judge, escaped
for each output.

Student code controls exception messages, function and file names, notebook text, and so
every message built from them.  Such a text may hold lone surrogates (``"\ud800"``, which
UTF-8 cannot encode: SQLite and ``write_text`` raise), control characters (invalid in XML
1.0; terminal escape sequences), markup (``<script>``, a forged ``**Score: 100 / 100**``)
and any length.  So:

* :func:`clean_text` is applied where results enter the judge (:mod:`grader.results`):
  valid Unicode, control characters shown as visible escapes (``\x1b``), at most ``limit``
  characters with a visible ``… (N characters cut)``;
* each output escapes what it shows: :func:`markdown_text`, :func:`xml_text`,
  :func:`spreadsheet_cell`, :func:`terminal_text`; HTML is escaped by jinja2's
  autoescape (``grader/instructor/reports.py``), JSON by :func:`json.dumps`.

Every function here is pure and total: any ``str`` in, a safe ``str`` out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Characters never shown as they are: C0 and C1 controls and DEL (terminal escapes,
#: invalid in XML 1.0), line and paragraph separators, bidirectional overrides and isolates
#: (text that displays in another order than it reads, "Trojan Source"), and the two
#: noncharacters XML 1.0 forbids.  Tab stays; newline stays where a text may have lines.
_HIDDEN = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff"
_HIDDEN_LINE = re.compile(f"([{_HIDDEN}])")
_HIDDEN_ONE_LINE = re.compile(f"([{_HIDDEN}\n])")


def valid_unicode(text: str) -> str:
    """``text`` as valid Unicode: a surrogate pair becomes its character, a lone surrogate
    becomes U+FFFD (so UTF-8 can always encode the result)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def visible(char: str) -> str:
    r"""How a hidden character is shown: ``\x1b``, ``\u202e``, ``\n``."""
    if char == "\n":
        return r"\n"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def cut_marker(count: int) -> str:
    """What replaces the end of a text that was cut."""
    return f"… ({count:,} characters cut)"


def clean_text(text: str, limit: int, *, lines: bool = True) -> str:
    r"""``text`` made safe to store and show: valid Unicode, no control characters (each
    shown as a visible escape such as ``\x1b``; newline kept when ``lines``, ``\r\n``
    read as a newline), and at most ``limit`` characters, ending in :func:`cut_marker`
    if cut.  Idempotent (a clean text is returned as it is), O(``limit``) in Python
    whatever the length of ``text``.
    """
    if lines and "\r" in text:
        text = text.replace("\r\n", "\n")
    hidden = _HIDDEN_LINE if lines else _HIDDEN_ONE_LINE
    head = valid_unicode(text[: limit + 1])
    if len(text) <= limit and not hidden.search(head):
        return head
    pieces = hidden.split(head)  # text, hidden character, text, ...: odd places are hidden
    shown = [visible(piece) if i % 2 else piece for i, piece in enumerate(pieces)]
    if len(text) <= limit and sum(map(len, shown)) <= limit:
        return "".join(shown)
    room = limit - len(cut_marker(len(text)))
    kept, used = [], 0  # used: characters of ``text`` that ``kept`` shows
    for i, piece in enumerate(shown):
        if len(piece) > room:
            kept.append("" if i % 2 else piece[:room])
            used += 0 if i % 2 else room
            break
        kept.append(piece)
        used += 1 if i % 2 else len(piece)
        room -= len(piece)
    return "".join(kept) + cut_marker(len(text) - used)


def within_budget(texts: Sequence[str], total: int, why: str) -> list[str]:
    """``texts`` as they are if their lengths sum to ``total`` at most; else in order, each
    kept whole while it fits, then cut, ending in a marker that says ``why``.  The result
    sums to ``total`` at most (when ``total`` holds a marker per non-empty text);
    idempotent."""
    if sum(map(len, texts)) <= total:
        return list(texts)
    marker = f"… (cut: {why})"
    room = total - len(marker) * sum(1 for text in texts if text)
    kept = []
    for text in texts:
        if len(text) <= room:
            kept.append(text)
            room -= len(text)
        else:
            kept.append(text[: max(room, 0)] + marker)
            room = 0
    return kept


# -- escapes for each output ----------------------------------------------------------------

_MARKDOWN_INLINE = re.compile(r"[\\`*\[\]|~#]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_MARKDOWN_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What starts a block at the beginning of a line: a heading, quote, list item, rule or
# setext underline ("Score\n===" is a heading).
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def markdown_text(text: str) -> str:
    r"""``text`` as Markdown that renders as exactly this text: no raw HTML (``<``, ``>``,
    ``&`` become entities), no emphasis, links, images, code, tables or headings (their
    characters are backslash-escaped), no list or rule at a line start; each line of
    ``text`` is one line (a hard break ``\``), blank lines dropped so the text stays in
    the paragraph it is put in."""
    escaped = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        line = _MARKDOWN_INLINE.sub(lambda m: "\\" + m.group(), line)
        line = re.sub(r"[&<>]", lambda m: _MARKDOWN_ENTITIES[m.group()], line)
        line = _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line)
        escaped.append(line)
    return "\\\n".join(escaped)


_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    r"""``text`` with only characters XML 1.0 allows (a control character, a lone
    surrogate, U+FFFE/U+FFFF is shown as a visible escape such as ``\x1b``);
    :mod:`xml.etree` escapes the rest (``<``, ``&``, quotes)."""
    return _XML_INVALID.sub(lambda m: visible(m.group()), text)


def spreadsheet_cell(text: str) -> str:
    """``text`` with a leading ``'`` if a spreadsheet would run it as a formula
    (``=HYPERLINK(...)``, ``+cmd|...``, ``-``, ``@``, or after a tab or carriage return)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def terminal_text(text: str, limit: int = 200) -> str:
    """``text`` as one line for a terminal: no escape sequence, carriage return, newline
    or other control character can act on it (:func:`clean_text` with ``lines=False``)."""
    return clean_text(text, limit, lines=False)
