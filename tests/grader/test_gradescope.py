"""The Gradescope autograder zip: its layout, setup.sh, and run_autograder run locally.

Gradescope's specification (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
``setup.sh`` and ``run_autograder`` at the root of the zip, which is extracted into
``/autograder/source``; the submission is in ``/autograder/submission``; run_autograder must
write ``/autograder/results/results.json``.
"""

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader.assignments import ROOT
from grader.instructor.gradescope import build_gradescope
from grader.instructor.release import ReleaseError

VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
EXAMPLE = ROOT / "examples" / "week2" / "Optimization_methods.ipynb"  # two realistic mistakes: 68 / 100


@pytest.fixture(scope="module")
def autograder_zip(tmp_path_factory):
    return build_gradescope("week2", tmp_path_factory.mktemp("gradescope") / "week2.zip")


def install(autograder_zip: Path, root: Path, submission: Path | None) -> Path:
    """Lay out ``root`` as Gradescope does: source/ (the zip), run_autograder, submission/."""
    with zipfile.ZipFile(autograder_zip) as archive:
        archive.extractall(root / "source")
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    (root / "run_autograder").chmod(0o755)
    (root / "submission").mkdir()
    if submission is not None:
        shutil.copy(submission, root / "submission" / submission.name)
    return root


def run_autograder(root: Path) -> dict:
    """Run ``run_autograder`` with this venv's ``grade`` on PATH; the results.json it wrote."""
    env = {**os.environ, "AUTOGRADER_ROOT": str(root),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}  # fmt: skip
    done = subprocess.run([str(root / "run_autograder")], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads((root / "results" / "results.json").read_text())


def assert_follows_the_spec(doc: dict) -> None:
    assert isinstance(doc["score"], (int, float))
    assert isinstance(doc.get("output", ""), str)
    assert doc.get("visibility", "visible") in VISIBILITIES
    assert doc.get("stdout_visibility", "visible") in VISIBILITIES
    assert isinstance(doc["execution_time"], (int, float)) and not isinstance(doc["execution_time"], bool)
    for test in doc.get("tests", []):
        assert isinstance(test["name"], str) and test["name"]
        assert isinstance(test["score"], (int, float)) and isinstance(test["max_score"], (int, float))
        assert 0 <= test["score"] <= test["max_score"]
        assert test["status"] in ("passed", "failed")
        assert test.get("visibility", "visible") in VISIBILITIES
        assert isinstance(test.get("output", ""), str)
    if doc.get("tests"):
        assert sum(t["score"] for t in doc["tests"]) == pytest.approx(doc["score"])


def test_the_zip_has_the_two_scripts_at_its_root_and_the_whole_grader(autograder_zip):
    with zipfile.ZipFile(autograder_zip) as archive:
        names = set(archive.namelist())
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
    assert {"setup.sh", "run_autograder", "pyproject.toml", "README.md"} <= names
    assert modes["run_autograder"] & stat.S_IXUSR and modes["setup.sh"] & stat.S_IXUSR
    assert {"grader/cli.py", "grader/checks/week2.py", "grader/checks/week2_mistakes.py",
            "reference/optimization.py", "grader/checks/pytest.ini"} <= names  # fmt: skip
    assert not [n for n in names if n.startswith(("tests/", ".venv/")) or "__pycache__" in n]


def test_setup_installs_python_bubblewrap_and_the_grader(autograder_zip, tmp_path):
    root = install(autograder_zip, tmp_path / "autograder", None)
    setup = root / "source" / "setup.sh"
    assert subprocess.run(["bash", "-n", str(setup)]).returncode == 0
    env = {**os.environ, "DRY_RUN": "1", "AUTOGRADER_ROOT": str(root)}
    done = subprocess.run(["bash", str(setup)], env=env, capture_output=True, text=True, check=True)
    commands = done.stdout.splitlines()
    assert any("apt-get install" in c and "bubblewrap" in c and "python3" in c for c in commands)
    assert f"{root}/venv/bin/pip install --no-cache-dir {root}/source" in commands


def test_run_autograder_grades_a_partly_wrong_notebook_into_a_valid_results_json(autograder_zip, tmp_path):
    root = install(autograder_zip, tmp_path / "autograder", EXAMPLE)
    doc = run_autograder(root)
    assert_follows_the_spec(doc)
    assert doc["score"] == 68
    failed = {t["name"] for t in doc["tests"] if t["status"] == "failed"}
    assert "update_parameters_with_adam: check_epsilon_outside_square_root" in failed
    assert all(t["output"] for t in doc["tests"] if t["status"] == "failed")


def test_run_autograder_still_writes_results_json_with_score_zero_if_grading_fails(autograder_zip, tmp_path):
    root = install(autograder_zip, tmp_path / "autograder", None)  # nothing submitted
    doc = run_autograder(root)
    assert_follows_the_spec(doc)
    assert doc["score"] == 0 and doc["tests"] == []
    assert "could not grade" in doc["output"] and "defines any of" in doc["output"]


def test_the_autograder_refuses_a_weak_sandbox_unless_built_to_allow_it(tmp_path, monkeypatch):
    commands = []
    monkeypatch.setattr(subprocess, "run", lambda command, **kw: commands.append(command) or _Done())
    for allow in (False, True):
        built = build_gradescope("week2", tmp_path / f"{allow}.zip", allow_weak_sandbox=allow)
        with zipfile.ZipFile(built) as z:
            assert json.loads(z.read("autograder.json"))["allow_weak_sandbox"] is allow
            script: dict = {"__name__": "run_autograder"}
            exec(z.read("run_autograder").decode(), script)
        script["results"]("week2", allow)
    assert ["--refuse-weak-sandbox" in command for command in commands] == [True, False]


class _Done:
    returncode, stdout, stderr = 0, '{"score": 1.0}', ""


def test_refuse_weak_sandbox_turns_a_weak_level_into_a_usage_error_with_the_way_out(monkeypatch):
    from click.testing import CliRunner

    from grader.boundary import sandbox
    from grader.cli import main

    monkeypatch.setattr(sandbox, "own_user_possible", lambda: False)
    arguments = ["week2", str(ROOT / "reference" / "optimization.py"), "--sandbox", "rlimits"]
    refused = CliRunner().invoke(main, [*arguments, "--refuse-weak-sandbox"])
    assert refused.exit_code == 2 and "--allow-weak-sandbox" in refused.output


def test_an_autograder_for_a_group_is_refused(tmp_path):
    with pytest.raises(ReleaseError, match="grades the assignment that is due"):
        build_gradescope("week1", tmp_path / "week1.zip")
    assert not (tmp_path / "week1.zip").exists()
