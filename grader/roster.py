r"""Who submitted what: a folder of submissions -> one :class:`Entry` per student.

A submission is a file (``.py`` or ``.ipynb``) or a folder of files.  The student is read
from the name, in the naming of the usual LMS downloads:

==============  =========================================================  ===============
source          name in the download                                       student
==============  =========================================================  ===============
Canvas          ``smithjane_12345_67890_week2.ipynb`` (``_LATE_`` too)      ``smithjane``
Moodle          folder ``Jane Smith_123456_assignsubmission_file_/``        ``Jane Smith``
Blackboard      ``Week 2_jsmith_attempt_2026-11-02-10-15-00_week2.py``     ``jsmith``
anything else   folder ``jsmith/`` or file ``jsmith.ipynb``                ``jsmith``
==============  =========================================================  ===============

Files of one student are grouped into one entry (Canvas names every attachment
separately); of several Blackboard attempts only the latest counts.  Which file of an
entry is graded is decided later, by the functions it defines
(:func:`grader.submission.pick_submission`).  Nothing here runs student code.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grader.submission import SKIPPED_FOLDERS

SOURCE_SUFFIXES = (".py", ".ipynb")
CANVAS = re.compile(r"^(?P<student>[A-Za-z0-9]+)(?:_LATE)?_\d+_\d+_(?P<file>.+)$")
MOODLE = re.compile(r"^(?P<student>.+?)_\d+_assign(?:submission|feedback)_\w+?_?$")
BLACKBOARD = re.compile(r"^.+?_(?P<student>[^_]+)_attempt_(?P<when>\d{4}(?:-\d\d){5})(?:_(?P<file>.+))?$")


@dataclass(frozen=True)
class Entry:
    """One student's submission: the candidate files and what the name was read as."""

    student: str
    files: tuple[Path, ...]
    source: str  # "canvas", "moodle", "blackboard", "folder" or "file"

    @functools.cached_property  # the files are read once
    def content_hash(self) -> str:
        """sha256 over the files' names and bytes: the same files, the same hash."""
        digest = hashlib.sha256()
        for path in sorted(self.files, key=lambda p: p.name):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        return digest.hexdigest()


def read_name(name: str, is_folder: bool) -> tuple[str, str, str | None]:
    """``(student, source, attempt)`` read from one name of a download."""
    if is_folder and (m := MOODLE.match(name)):
        return m["student"], "moodle", None
    if m := BLACKBOARD.match(name):
        return m["student"], "blackboard", m["when"]
    if not is_folder and (m := CANVAS.match(name)):
        return m["student"], "canvas", None
    return (name if is_folder else Path(name).stem), ("folder" if is_folder else "file"), None


def source_files(folder: Path) -> list[Path]:
    """The ``.py`` and ``.ipynb`` files under ``folder``, skipping checkpoints and caches."""
    return sorted(
        p for p in folder.rglob("*")
        if p.suffix in SOURCE_SUFFIXES and p.is_file() and not p.name.startswith(".")
        and not SKIPPED_FOLDERS & set(p.relative_to(folder).parts[:-1])
    )  # fmt: skip


def discover(folder: Path) -> list[Entry]:
    """One entry per student found in ``folder`` (sorted by student)."""
    found: dict[str, list[tuple[str | None, Path]]] = {}
    sources: dict[str, str] = {}
    for item in sorted(folder.iterdir()):
        if item.name.startswith(".") or item.name in SKIPPED_FOLDERS:
            continue
        if item.is_dir():
            files = source_files(item)
        elif item.suffix in SOURCE_SUFFIXES:
            files = [item]
        else:
            continue  # Blackboard's .txt receipts, PDFs, data files
        student, source, attempt = read_name(item.name, item.is_dir())
        found.setdefault(student, []).extend((attempt, f) for f in files)
        sources.setdefault(student, source)
    return [Entry(student, latest_attempt(items), sources[student]) for student, items in sorted(found.items())]


def latest_attempt(items: Iterable[tuple[str | None, Path]]) -> tuple[Path, ...]:
    """The files of the latest attempt (attempts are ISO-like timestamps; ``None``: no attempts)."""
    items = list(items)
    last = max((a for a, _ in items if a is not None), default=None)
    return tuple(path for attempt, path in items if attempt == last)
