r"""Gradescope autograders, built from the one source.

``grade gradescope ASSIGNMENT OUT.zip`` (:func:`build_gradescope`) writes an autograder for
Gradescope (https://gradescope-autograders.readthedocs.io/en/latest/specs/): ``setup.sh``
and ``run_autograder`` at the root, and the instructor's full grader beside them (an
instructor's copy: it has everything, reference included).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from grader.assignments import GROUPS, ROOT, get_target
from grader.instructor.release import ReleaseError, members

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu).
# DRY_RUN=1 prints the commands instead of running them.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
run() { if [ "${DRY_RUN:-}" = 1 ]; then echo "$*"; else "$@"; fi; }

run apt-get update
run env DEBIAN_FRONTEND=noninteractive apt-get install -y python3 python3-venv python3-pip bubblewrap
PYTHON=python3
if [ "${DRY_RUN:-}" != 1 ] && ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y python3.11 python3.11-venv
    PYTHON=python3.11
fi
run "$PYTHON" -m venv "$ROOT/venv"
run "$ROOT/venv/bin/pip" install --no-cache-dir "$ROOT/source"
# Only root (the judge) may read the grader, the checks and the reference: where bubblewrap
# cannot run, the worker runs as a user of its own and finds them unreadable.
run chmod -R go= "$ROOT/source"
for package in grader reference; do
    run chmod -R go= "$ROOT"/venv/lib/python3*/site-packages/"$package"
done
"""

RUN_AUTOGRADER = r'''#!/usr/bin/env python3
"""Gradescope runs this for each submission: grade it, write results/results.json.

The root is $AUTOGRADER_ROOT (default /autograder); the grade command is the one setup.sh
installed in $ROOT/venv, else `grade` on PATH.  Whatever happens, results.json is written:
if grading fails, with score 0 and the error in its output.
"""
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

STARTED = time.monotonic()
ROOT = Path(os.environ.get("AUTOGRADER_ROOT", "/autograder"))
TIMEOUT = 1200  # seconds for the whole grading


def grade_command():
    installed = ROOT / "venv" / "bin" / "grade"
    return str(installed) if installed.exists() else shutil.which("grade") or "grade"


def failure(text):
    return {"score": 0.0, "execution_time": round(time.monotonic() - STARTED, 3),
            "output": "The autograder could not grade this submission:\n" + text[-4000:],
            "visibility": "visible", "tests": []}


def results(assignment, allow_weak_sandbox):
    command = [grade_command(), assignment, str(ROOT / "submission"), "--format", "gradescope"]
    if not allow_weak_sandbox:  # a score only where the sandbox protects grading (README: security)
        command.append("--refuse-weak-sandbox")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return failure(f"{type(exc).__name__}: {exc}")
    sys.stdout.write(done.stderr)
    try:
        doc = json.loads(done.stdout)
    except ValueError:
        doc = None
    if done.returncode != 0 or not isinstance(doc, dict) or "score" not in doc:
        status = f"grade exited with status {done.returncode}"
        return failure(done.stderr.strip() or done.stdout.strip() or status)
    return doc


def main():
    config = json.loads((ROOT / "source" / "autograder.json").read_text())
    doc = results(config["assignment"], config.get("allow_weak_sandbox", False))
    out = ROOT / "results" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=1))
    print(f"score {doc['score']}")


if __name__ == "__main__":
    main()
'''

GRADESCOPE_FILES = ("pyproject.toml", "README.md")
GRADESCOPE_DIRS = ("grader", "reference")


def build_gradescope(name: str, out_zip: Path, allow_weak_sandbox: bool = False) -> Path:
    """Write a Gradescope autograder zip for assignment ``name``.

    Its run_autograder refuses to grade (score 0, the reason in the output) where the sandbox
    cannot protect grading (:func:`grader.boundary.sandbox.weaknesses`), unless ``allow_weak_sandbox``.
    A group is refused: the autograder grades the assignment that is due, never the one a
    file looks like.
    """
    get_target(name)  # UnknownAssignment for a wrong name
    if name in GROUPS:
        raise ReleaseError(
            f"{name} is a group ({', '.join(GROUPS[name].members)}); an autograder grades the assignment "
            f"that is due: name it, e.g. `grade gradescope {GROUPS[name].members[0]} OUT.zip`"
        )
    for assignment in members(name):
        if not assignment.reference_path.exists() or not assignment.checks_path.exists():
            raise ReleaseError(f"{assignment.name} has no reference or no checks yet")
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out_zip, "w", zipfile.ZIP_DEFLATED) as archive:
        _add_script(archive, "setup.sh", SETUP_SH)
        _add_script(archive, "run_autograder", RUN_AUTOGRADER)
        config = {"assignment": name, "allow_weak_sandbox": allow_weak_sandbox}
        archive.writestr("autograder.json", json.dumps(config) + "\n")
        for file in GRADESCOPE_FILES:
            archive.write(ROOT / file, file)
        for folder in GRADESCOPE_DIRS:
            for path in sorted((ROOT / folder).rglob("*")):
                relative = path.relative_to(ROOT)
                if path.is_file() and "__pycache__" not in relative.parts and path.suffix != ".pyc":
                    archive.write(path, str(relative))
    return out_zip


def _add_script(archive: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o100755 << 16  # an executable regular file
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, text)
