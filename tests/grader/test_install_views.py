"""What the worker sees, for every way the grader is installed: the interpreter, numpy and
the worker's own files, never ``reference/``, the checks or the instructor's tools.

The editable checkout is this test session itself; a wheel and the Gradescope layout are
built and installed into fresh venvs (slow: each builds a wheel).  Each install grades
tests/hostile/import_reference.py (import ``reference``, search the disk for it) at the
strongest level, bubblewrap; a weaker level hides the install only by file permissions
(tests/grader/test_worker_user.py).
"""

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from grader.assignments import ROOT
from grader.boundary import sandbox
from grader.boundary.remote import RemoteSubmission
from grader.instructor.gradescope import build_gradescope

BUBBLEWRAP = pytest.mark.skipif("bubblewrap" not in sandbox.available_levels(), reason="needs bwrap")
HOSTILE = ROOT / "tests" / "hostile" / "import_reference.py"
PEEK = """
import os, sys, importlib.util

def importable(names):
    return [name for name in names if importlib.util.find_spec(name) is not None]

def site_contents():
    return sorted({entry for folder in sys.path if folder.endswith(("site-packages", "dist-packages"))
                   and os.path.isdir(folder) for entry in os.listdir(folder)})

def shm_is_the_sandboxs():
    return os.statvfs("/dev/shm").f_blocks * os.statvfs("/dev/shm").f_frsize <= 4 * 2**20
"""


def hostile_submission(folder: Path) -> Path:
    """The reference with update_lr replaced by the hostile one (as test_hostile does)."""
    path = folder / "import_reference.py"
    path.write_text((ROOT / "reference" / "optimization.py").read_text() + "\n\n" + HOSTILE.read_text())
    return path


def update_lr_status(doc: dict) -> str:
    return next(e["status"] for e in doc["exercises"] if e["name"] == "update_lr")


@BUBBLEWRAP
def test_the_bubblewrap_view_holds_numpy_and_the_workers_files_and_no_other_package():
    with RemoteSubmission([{"filename": "peek.py", "source": PEEK}], level="bubblewrap") as worker:
        names = ["numpy", "course_numpy", "wire", "opt_utils_v1a", "reference", "grader", "hypothesis",
                 "pytest", "click", "jinja2", "matplotlib"]  # fmt: skip
        assert worker.call("importable", names) == ["numpy", "course_numpy", "wire", "opt_utils_v1a"]
        assert set(worker.call("site_contents")) == {p.name for p in sandbox.numpy_dirs()}


@BUBBLEWRAP
def test_the_bubblewrap_sandbox_has_a_small_dev_shm_of_its_own():
    with RemoteSubmission([{"filename": "peek.py", "source": PEEK}], level="bubblewrap") as worker:
        assert worker.call("shm_is_the_sandboxs") is True


# --------------------------------------------------------------------------- installs


def new_venv(where: Path) -> Path:
    """A venv without pip whose dependencies are this session's (a .pth line after its own
    site-packages), so only the grader itself is installed fresh; its python."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(where)], check=True, timeout=120)
    python = where / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    Path(site, "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return python


def pip_install(python: Path, *arguments: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    *arguments], check=True, timeout=600, capture_output=True)  # fmt: skip


def installed_at(python: Path, package: str) -> Path:
    where = subprocess.run([str(python), "-c", f"import {package}; print({package}.__path__[0])"], cwd="/",
                           capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    return Path(where)


def grade_json(python: Path, path: Path) -> dict:
    done = subprocess.run([str(python), "-m", "grader", "week2", str(path), "--format", "json",
                           "--sandbox", "bubblewrap"], cwd=path.parent, capture_output=True, text=True,
                          timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The grader as a wheel, built from this checkout (``pip wheel --no-deps``)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                   check=True, timeout=600, capture_output=True)  # fmt: skip
    return next(out.glob("dls_grader-*.whl"))


@pytest.mark.slow
@BUBBLEWRAP
def test_a_wheel_install_keeps_the_reference_out_of_the_worker(wheel, tmp_path):
    python = new_venv(tmp_path / "venv")
    pip_install(python, str(wheel))
    reference = installed_at(python, "reference")
    assert reference.parent.name == "site-packages" and (reference / "optimization.py").exists()

    doc = grade_json(python, hostile_submission(tmp_path))
    assert doc["sandbox"] == "bubblewrap"
    assert update_lr_status(doc) == "failed"
    assert [e["status"] for e in doc["exercises"] if e["name"] != "update_lr"] == ["passed"] * 7


@pytest.mark.slow
@BUBBLEWRAP
def test_the_gradescope_layout_keeps_the_reference_out_of_the_worker(tmp_path):
    """/autograder/source from the zip, the grader pip-installed from it into
    /autograder/venv (as setup.sh does), run_autograder grading the hostile submission."""
    root = tmp_path / "autograder"
    with zipfile.ZipFile(build_gradescope("week2", tmp_path / "week2.zip")) as archive:
        archive.extractall(root / "source")
    for script in ("run_autograder", "setup.sh"):
        (root / "source" / script).chmod(0o755)
    python = new_venv(root / "venv")
    pip_install(python, str(root / "source"))
    assert installed_at(python, "reference").is_relative_to(root / "venv")
    (root / "submission").mkdir()
    hostile_submission(root / "submission")

    env = {**os.environ, "AUTOGRADER_ROOT": str(root)}
    done = subprocess.run([sys.executable, str(root / "source" / "run_autograder")], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert results["extra_data"]["sandbox"] == "bubblewrap"
    update_lr = [t for t in results["tests"] if "update_lr" in t["name"]]
    assert update_lr and all(t["score"] == 0 for t in update_lr)
    assert results["score"] < 100
