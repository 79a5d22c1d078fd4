r"""Who submitted what: a folder of submissions -> one :class:`Entry` per student.

A submission is a file (``.py`` or ``.ipynb``) or a folder of files.  The student is read
from the name, in the naming of the usual LMS downloads, and keyed by the LMS's own id
(the display name is there for the reader; two Jane Smiths are two students):

==============  =========================================================  ====================
source          name in the download                                       student (the key)
==============  =========================================================  ====================
Canvas          ``smithjane_12345_67890_week2.ipynb`` (``_LATE_`` too)      ``smithjane_12345``
Moodle          folder ``Jane Smith_123456_assignsubmission_file_/``        ``Jane Smith_123456``
Blackboard      ``Week 2_jsmith_attempt_2026-11-02-10-15-00_week2.py``     ``jsmith``
anything else   folder ``jsmith/`` or file ``jsmith.ipynb``                ``jsmith``
==============  =========================================================  ====================

A name that two LMSes could have written (a Canvas attachment its student named
``..._smithjohn_attempt_2099-...``, also a Blackboard name) is read as the folder's LMS,
decided for the whole folder by the names only one LMS can have written
(:func:`decide_lms`), so a student's own file name can never make the file another
student's.  A folder that mixes downloads (the example class) still reads each
unambiguous name by its own LMS.  Keys are unique within a folder
(:func:`unique_keys`), and made of valid Unicode whatever bytes a name holds
(:func:`readable_name`).

Files of one student are grouped into one entry (Canvas names every attachment
separately); of several Blackboard attempts only the latest counts.  A submission is the
files the student sent: symbolic links are never followed, and each one is reported in
the student's feedback (:attr:`Entry.links`).  Which file of an entry is graded is decided
later, by the functions it defines (:func:`grader.submission.pick_submission`).  Nothing
here runs student code.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grader.submission import LINK_PROBLEM, SKIPPED_FOLDERS

SOURCE_SUFFIXES = (".py", ".ipynb")
CANVAS = re.compile(r"^(?P<name>[A-Za-z0-9]+)(?P<late>_LATE)?_(?P<id>\d+)_\d+_(?P<file>.+)$")
# greedy name: the id is the last ``_<digits>_assign...`` group, whatever the name holds
MOODLE = re.compile(r"^(?P<name>.+)_(?P<id>\d+)_assign(?:submission|feedback)_[A-Za-z]+_?$")
# lazy prefix: the username is the one before the first attempt stamp (the student's own
# file name only comes after it)
BLACKBOARD = re.compile(r"^.+?_(?P<id>[^_]+)_attempt_(?P<when>\d{4}(?:-\d\d){5})(?:_(?P<file>.+))?$")
#: The LMSes, in the order that breaks a tie in :func:`decide_lms`.
LMSES = ("canvas", "moodle", "blackboard")
#: Characters of a name written as an escape: controls, formats, surrogates, separators.
ESCAPED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@dataclass(frozen=True)
class Entry:
    """One student's submission: the candidate files, what the name was read as, and the
    links found where files were expected (never followed)."""

    student: str  # the key: unique in the folder, valid Unicode
    files: tuple[Path, ...]
    source: str  # "canvas", "moodle", "blackboard", "folder" or "file"
    links: tuple[str, ...] = ()  # readable names of the symbolic links, relative to the class folder
    #: What the download says of the submission time: Blackboard's attempt stamp
    #: (``2026-11-02-10-15-00``, the LMS's local time), and Canvas's ``_LATE_`` mark.
    attempt: str = ""
    marked_late: bool = False

    @functools.cached_property  # the files are read once
    def content_hash(self) -> str:
        """sha256 over the files' names and bytes, and the links' names: the same
        submission, the same hash."""
        digest = hashlib.sha256()
        for path in sorted(self.files, key=lambda p: os.fsencode(p.name)):
            digest.update(os.fsencode(path.name) + b"\0" + path.read_bytes() + b"\0")
        for link in sorted(self.links):
            digest.update(b"link\0" + link.encode() + b"\0")
        return digest.hexdigest()

    @property
    def problems(self) -> tuple[str, ...]:
        """What the student is told about the files that were not graded."""
        return tuple(LINK_PROBLEM.format(name=link) for link in self.links)


@dataclass(frozen=True)
class Reading:
    """What one name of a download says: whose it is, by which naming, which attempt."""

    student: str
    source: str
    attempt: str | None = None
    marked_late: bool = False


# --------------------------------------------------------------------------- names


def readable_name(name: str) -> str:
    r"""``name`` as valid Unicode without control characters, one to one: a byte that is
    not UTF-8 (a surrogate escape, as Python reads ``jos\xe9.py``) becomes ``\xe9``, a
    control or format character ``\u001b``, and a backslash is doubled, so two names
    never read the same."""
    out = []
    for char in name:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(char) in ESCAPED_CATEGORIES:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def lms_reading(lms: str, name: str, is_folder: bool) -> Reading | None:
    """What ``name`` says in the naming of ``lms``, or ``None`` if that LMS did not write it
    (Canvas names files, Moodle names folders, Blackboard names files and folders)."""
    if lms == "canvas" and not is_folder and (m := CANVAS.match(name)):
        return Reading(f"{m['name']}_{m['id']}", lms, marked_late=bool(m["late"]))
    if lms == "moodle" and is_folder and (m := MOODLE.match(name)):
        return Reading(f"{m['name']}_{m['id']}", lms)
    if lms == "blackboard" and (m := BLACKBOARD.match(name)):
        return Reading(m["id"], lms, m["when"])
    return None


def read_name(name: str, is_folder: bool, lms: str | None) -> Reading:
    """What one name of a download says: in the naming of the one LMS that can have
    written it; of the folder's ``lms`` (:func:`decide_lms`) if several can; a plain name
    if none can."""
    readings = {o: r for o in LMSES if (r := lms_reading(o, name, is_folder))}
    if lms in readings:
        return readings[lms]
    if readings:
        return next(iter(readings.values()))
    return Reading(name if is_folder else Path(name).stem, "folder" if is_folder else "file")


def decide_lms(names: Iterable[tuple[str, bool]]) -> str | None:
    """The LMS that wrote the folder holding ``names`` (``(name, is_folder)``), or ``None``.

    The one with most names that only it can have written; on a tie, the one with most
    names; then the order of :data:`LMSES`.  A Canvas attachment its student named
    ``..._smithjohn_attempt_2099-...`` is a Blackboard name too, but no evidence for it.
    """
    names = list(names)
    matched = {lms: {n for n in names if lms_reading(lms, *n)} for lms in LMSES}
    only = {lms: matched[lms] - set().union(*(matched[o] for o in LMSES if o != lms)) for lms in LMSES}
    best = max(LMSES, key=lambda lms: (len(only[lms]), len(matched[lms]), -LMSES.index(lms)))
    return best if matched[best] else None


def unique_keys(readings: list[Reading]) -> list[str]:
    """One key per reading, unique: readings that are one student (one key, one naming;
    plain folder and file names are one naming) share it, and a student whose key is
    taken gets the first free ``~2``, ``~3``... (LMS students first, then plain names, each
    in the order given), so two students never share a key."""

    def naming(reading: Reading) -> tuple[str, str]:
        return reading.student, reading.source if reading.source in LMSES else "plain"

    keys: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for reading in sorted(readings, key=lambda r: r.source not in LMSES):  # stable: LMS names first
        if (group := naming(reading)) in keys:
            continue
        key, n = reading.student, 1
        while key in taken:
            n += 1
            key = f"{reading.student}~{n}"
        keys[group] = key
        taken.add(key)
    return [keys[naming(r)] for r in readings]


# --------------------------------------------------------------------------- the folder


def walk(folder: Path, top: Path) -> tuple[list[Path], list[str]]:
    """``(source files, links)`` under ``folder``: the ``.py`` and ``.ipynb`` regular files,
    skipping hidden files, checkpoints and caches, and the readable names (relative to
    ``top``) of the symbolic links met, which are never followed."""
    files, links = [], []
    for item in sorted(folder.iterdir()):
        if item.name.startswith(".") or item.name in SKIPPED_FOLDERS:
            continue
        if item.is_symlink():
            links.append(readable_name(str(item.relative_to(top))))
        elif item.is_dir():
            more_files, more_links = walk(item, top)
            files += more_files
            links += more_links
        elif item.is_file() and item.suffix in SOURCE_SUFFIXES:
            files.append(item)
    return files, links


def source_files(folder: Path) -> list[Path]:
    """The ``.py`` and ``.ipynb`` files under ``folder`` (links are not followed)."""
    return walk(folder, folder)[0]


def discover(folder: Path) -> list[Entry]:
    """One entry per student found in ``folder`` (sorted by student key)."""
    items = [
        item for item in sorted(folder.iterdir())
        if not item.name.startswith(".") and item.name not in SKIPPED_FOLDERS
    ]  # fmt: skip
    lms = decide_lms((readable_name(item.name), is_folder(item)) for item in items)
    found: list[tuple[Reading, list[Path], list[str]]] = []
    for item in items:
        reading = read_name(readable_name(item.name), is_folder(item), lms)
        files: list[Path]
        if item.is_symlink():
            files, links = [], [readable_name(item.name)]
        elif item.is_dir():
            files, links = walk(item, folder)
        elif item.is_file() and item.suffix in SOURCE_SUFFIXES:
            files, links = [item], []
        else:
            continue  # Blackboard's .txt receipts, PDFs, data files
        found.append((reading, files, links))
    by_key: dict[str, tuple[str, list[tuple[str | None, Path]], list[str], list[bool]]] = {}
    for key, (reading, files, links) in zip(unique_keys([r for r, _, _ in found]), found, strict=True):
        _, attempts, all_links, late = by_key.setdefault(key, (reading.source, [], [], []))
        attempts += [(reading.attempt, f) for f in files]
        all_links += links
        late.append(reading.marked_late)
    return [
        Entry(key, latest_attempt(attempts), source, tuple(links),
              attempt=max((a for a, _ in attempts if a is not None), default=""), marked_late=any(late))
        for key, (source, attempts, links, late) in sorted(by_key.items())
    ]  # fmt: skip


def is_folder(item: Path) -> bool:
    """Whether ``item`` is read as a folder's name; a link is, unless it has a source file's suffix."""
    return item.suffix not in SOURCE_SUFFIXES if item.is_symlink() else item.is_dir()


def latest_attempt(items: Iterable[tuple[str | None, Path]]) -> tuple[Path, ...]:
    """The files of the latest attempt (attempts are ISO-like timestamps; ``None``: no attempts)."""
    items = list(items)
    last = max((a for a, _ in items if a is not None), default=None)
    return tuple(path for attempt, path in items if attempt == last)
