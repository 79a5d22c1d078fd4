"""`grade batch`: a class into the gradebook, rerun only what changed, resume after a kill,
and the same batch on a Dask cluster.  Graded against week1-initialization (fast)."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.instructor import batch
from grader.instructor.batch import GRADEBOOK, KILLED, Job, Options, Outcome, on_processes, run_batch
from grader.instructor.commands.grading import write_reports_for
from grader.instructor.gradebook import Gradebook

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENT = "week1-initialization"
REFERENCE = ROOT / "reference" / "initialization.py"
STUB = ROOT / "exercises" / "week1_initialization.py"
HE_TIMES_TEN = REFERENCE.read_text().replace("np.sqrt(2 / layers_dims[l - 1])", "10")


def make_class(folder: Path) -> dict[str, float]:
    """Four students in four LMS namings; returns the score each must get."""
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "smithjane_101_201_initialization.py")  # Canvas
    moodle = folder / "John Doe_123456_assignsubmission_file_"
    moodle.mkdir()
    (moodle / "init.py").write_text(HE_TIMES_TEN)  # He scaled wrong
    shutil.copy(STUB, folder / "stubby.py")
    (folder / "broken.py").write_text("def initialize_parameters_he(layers_dims:\n")  # syntax error
    return {"smithjane_101": 100.0, "stubby": 0.0, "broken": 0.0}


def scores(out: Path) -> dict[str, float]:
    with Gradebook(out / GRADEBOOK) as book:
        return {row.student: row.result.score for row in book.current(ASSIGNMENT)}


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class") / "submissions"
    expected = make_class(folder)
    out = folder.parent / "out"
    summary = run_batch(ASSIGNMENT, folder, out, workers=2)
    return folder, out, expected, summary


def test_every_student_is_graded_and_recorded_once(graded_class):
    folder, out, expected, summary = graded_class
    assert sorted(summary.graded) == ["John Doe_123456", "broken", "smithjane_101", "stubby"]
    got = scores(out)
    assert {k: got[k] for k in expected} == expected
    assert 0 < got["John Doe_123456"] < 100


def test_a_submission_that_cannot_be_loaded_says_why_and_gets_zero(graded_class):
    _, out, _, _ = graded_class
    with Gradebook(out / GRADEBOOK) as book:
        broken = next(row for row in book.current(ASSIGNMENT) if row.student == "broken")
    assert broken.result.score == 0
    assert any("line 1" in note for note in broken.result.notes), broken.result.notes


def test_the_gradebook_keeps_every_check_outcome(graded_class):
    _, out, _, _ = graded_class
    with Gradebook(out / GRADEBOOK) as book:
        doe = next(row for row in book.current(ASSIGNMENT) if row.student == "John Doe_123456")
    he = doe.result.exercise("initialize_parameters_he")
    assert he.status == "failed" and any(not c.passed and c.message for c in he.checks)
    assert doe.grader_version and doe.graded_at and len(doe.content_hash) == 64


def test_a_rerun_grades_only_what_changed(graded_class, tmp_path):
    folder, out, _, _ = graded_class
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    shutil.copy(REFERENCE, folder / "stubby.py")  # stubby finished the work
    try:
        summary = run_batch(ASSIGNMENT, folder, out2, workers=1)
    finally:
        shutil.copy(STUB, folder / "stubby.py")
    assert summary.graded == ["stubby"]
    assert sorted(summary.reused) == ["John Doe_123456", "broken", "smithjane_101"]
    assert scores(out2)["stubby"] == 100
    with Gradebook(out2 / GRADEBOOK) as book:
        assert book.count(ASSIGNMENT) == 5  # the old grading of stubby stays as history


def test_regrade_grades_everything_again_without_counting_twice(graded_class, tmp_path):
    folder, out, expected, _ = graded_class
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    summary = run_batch(ASSIGNMENT, folder, out2, workers=2, regrade=True)
    assert len(summary.graded) == 4 and not summary.reused
    with Gradebook(out2 / GRADEBOOK) as book:
        assert book.count(ASSIGNMENT) == 4
    assert scores(out2) == scores(out)


def test_changed_checks_make_every_grade_stale(graded_class, tmp_path, monkeypatch):
    folder, out, _, _ = graded_class
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    monkeypatch.setattr("grader.instructor.batch.fingerprint", lambda name: "checks-changed")
    summary = run_batch(ASSIGNMENT, folder, out2, workers=1, options=Options())
    assert len(summary.graded) == 4


def test_the_cli_prints_what_it_did_and_writes_the_reports(graded_class, tmp_path):
    folder, out, _, _ = graded_class
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    result = CliRunner().invoke(main, ["batch", ASSIGNMENT, str(folder), "--out", str(out2)])
    assert result.exit_code == 0, result.output
    assert "graded 0, already graded 4" in result.output
    assert (out2 / ASSIGNMENT / "summary.html").exists()
    assert (out2 / ASSIGNMENT / "gradebook.csv").read_text().count("\n") == 5
    report = CliRunner().invoke(main, ["report", str(out2)])
    assert report.exit_code == 0 and "4 students" in report.output


def test_report_without_a_gradebook_says_what_to_run(tmp_path):
    result = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 2
    assert "grade batch" in result.output


@pytest.mark.slow
def test_a_run_killed_midway_resumes_without_losing_or_double_counting(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    for i in range(8):
        shutil.copy(REFERENCE if i % 2 else STUB, folder / f"student{i}.py")
    out = tmp_path / "out"
    command = [
        str(Path(sys.executable).parent / "grade"),
        "batch",
        ASSIGNMENT,
        str(folder),
        "--out",
        str(out),
        "--workers",
        "1",
    ]
    run = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and graded_count(out) < 3:
            time.sleep(0.05)
        os.killpg(run.pid, signal.SIGKILL)  # the whole job, as a lost terminal or node would
    finally:
        run.wait(10)
    done = graded_count(out)
    assert 3 <= done < 8, "the kill must land midway"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"graded {8 - done}, already graded {done}" in rerun.stdout
    with Gradebook(out / GRADEBOOK) as book:
        rows = book.current(ASSIGNMENT)
        assert book.count(ASSIGNMENT) == 8
    assert sorted(r.student for r in rows) == [f"student{i}" for i in range(8)]
    assert [r.result.score for r in sorted(rows, key=lambda r: r.student)] == [0.0, 100.0] * 4


def graded_count(out: Path) -> int:
    if not (out / GRADEBOOK).exists():
        return 0
    try:
        with sqlite3.connect(f"file:{out / GRADEBOOK}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM gradings").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


@pytest.mark.slow
def test_the_same_batch_runs_on_a_dask_cluster(graded_class, tmp_path):
    distributed = pytest.importorskip("distributed", reason="the cluster extra: pip install -e '.[cluster]'")
    folder, out, _, _ = graded_class
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:  # fmt: skip
        summary = run_batch(ASSIGNMENT, folder, tmp_path / "out", scheduler=cluster.scheduler_address)
    assert sorted(summary.graded) == ["John Doe_123456", "broken", "smithjane_101", "stubby"]
    assert scores(tmp_path / "out") == scores(out)


@pytest.mark.slow
def test_a_hanging_submission_does_not_hold_the_others(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "aaa_hangs.py").write_text(
        "".join(  # ~8 s of timeouts: three functions, two calls each
            f"def initialize_parameters_{kind}(layers_dims):\n    while True: pass\n\n"
            for kind in ("zeros", "random", "he")
        )
    )
    for name in ("good1", "good2", "good3"):
        shutil.copy(REFERENCE, folder / f"{name}.py")
    order = []

    def note(graded: Outcome) -> None:
        order.append((graded.job.student, time.monotonic()))

    summary = run_batch(ASSIGNMENT, folder, tmp_path / "out", workers=2, options=Options(call_timeout=2.0),
                        on_graded=note)  # fmt: skip
    assert len(summary.graded) == 4
    assert order[-1][0] == "aaa_hangs", "the others finish while the hanging one runs out its time"
    got = scores(tmp_path / "out")
    assert got == {"aaa_hangs": 0.0, "good1": 100.0, "good2": 100.0, "good3": 100.0}


@pytest.mark.slow
def test_the_example_class_of_the_readme_grades_as_the_readme_says(tmp_path):
    # the example's files as files: a link in a submission is not graded (test_identity)
    shutil.copytree(ROOT / "examples" / "class-week2", tmp_path / "class", symlinks=False)
    summary = run_batch("week2", tmp_path / "class", tmp_path, workers=2)
    assert sorted(summary.graded) == ["Jo Doe_123456", "kim", "lee", "smithjane_101"]
    with Gradebook(tmp_path / GRADEBOOK) as book:
        rows = {row.student: row.result for row in book.current("week2")}
    assert {student: result.score for student, result in rows.items()} == {
        "Jo Doe_123456": 100.0, "kim": 0.0, "lee": 0.0, "smithjane_101": 68.0}  # fmt: skip
    assert any("not a valid notebook" in note for note in rows["lee"].notes)


@pytest.mark.slow
def test_links_score_nothing_and_say_why_and_a_name_that_is_not_utf8_is_graded(tmp_path):
    folder = tmp_path / "submissions"
    (folder / "linker").mkdir(parents=True)
    (folder / "linker" / "initialization.py").symlink_to(REFERENCE)  # a link to the reference
    (folder / "peeker.py").symlink_to("/etc/passwd")
    shutil.copy(REFERENCE, os.fsdecode(os.fsencode(folder) + b"/jos\xe9.py"))  # as an old zip extracts
    out = tmp_path / "out"
    summary = run_batch(ASSIGNMENT, folder, out, workers=2)
    assert sorted(summary.graded) == ["jos\\xe9", "linker", "peeker"] and not summary.grader_errors
    with Gradebook(out / GRADEBOOK) as book:
        rows = {row.student: row.result for row in book.current(ASSIGNMENT)}
    assert {student: result.score for student, result in rows.items()} == {
        "jos\\xe9": 100.0, "linker": 0.0, "peeker": 0.0}  # fmt: skip
    assert "linker/initialization.py is a symbolic link; links are not graded" in rows["linker"].notes[0]
    assert "peeker.py is a symbolic link" in rows["peeker"].notes[0]
    write_reports_for(out, [ASSIGNMENT])
    feedback = (out / ASSIGNMENT / "students" / "peeker.md").read_text()
    assert "symbolic link" in feedback and "root:" not in feedback
    assert (out / ASSIGNMENT / "students" / "jos-5cxe9.md").exists()


# -- a judge process killed midway ---------------------------------------------------------


def grade_or_die(job: Job) -> Outcome:
    """A stand-in for grade_job (module level, so judge processes import it): a job of a
    ``killer`` kills its judge process, as a submission at the rlimits level can."""
    if job.student.startswith("killer"):
        os.kill(os.getpid(), signal.SIGKILL)
    return Outcome(job, None, f"graded {job.student}")


def test_a_dead_judge_process_costs_only_its_own_submission():
    students = ["a", "killer1", "b", "c", "d", "e", "killer2", "f"]
    jobs = [Job(ASSIGNMENT, student, "hash", (), "origin") for student in students]
    outcomes = list(on_processes(3, grade=grade_or_die)(jobs))
    assert sorted(o.job.student for o in outcomes) == sorted(students), "each job once"
    said = {o.job.student: o.grader_error for o in outcomes}
    assert said == {s: KILLED if s.startswith("killer") else f"graded {s}" for s in students}


class PoolBrokenAtSecondSubmit:
    """A stand-in for ProcessPoolExecutor: the first pool made grades its first job, then
    refuses the next as a pool does once one of its processes died between two waits (the
    race a real judge-killing submission can win); later pools work."""

    made = 0

    def __init__(self, max_workers: int, mp_context: object) -> None:
        PoolBrokenAtSecondSubmit.made += 1
        self.breaks, self.submitted = PoolBrokenAtSecondSubmit.made == 1, 0

    def __enter__(self) -> "PoolBrokenAtSecondSubmit":
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def submit(self, grade, job: Job) -> Future:
        self.submitted += 1
        if self.breaks and self.submitted >= 2:
            raise BrokenProcessPool("A child process terminated abruptly")
        future: Future = Future()
        future.set_result(grade(job))
        return future


@pytest.mark.parametrize("workers", [1, 2])
def test_a_pool_that_breaks_between_two_waits_costs_no_job_and_stops_nothing(monkeypatch, workers):
    monkeypatch.setattr(PoolBrokenAtSecondSubmit, "made", 0)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", PoolBrokenAtSecondSubmit)
    jobs = [Job(ASSIGNMENT, student, "hash", (), "origin") for student in ("a", "b", "c", "d")]
    outcomes = list(on_processes(workers, grade=grade_or_die)(jobs))
    assert sorted(o.job.student for o in outcomes) == ["a", "b", "c", "d"], "each job once"
    assert all(o.grader_error == f"graded {o.job.student}" for o in outcomes)
    assert PoolBrokenAtSecondSubmit.made == 2


@pytest.mark.slow
def test_a_submission_that_kills_its_judge_leaves_the_class_graded_and_itself_ungraded(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "aaa_kills.py").write_text(
        "import os\nimport signal\n\n\n"
        "def initialize_parameters_zeros(layers_dims, _=os.kill(os.getppid(), signal.SIGKILL)):\n    pass\n"
    )
    for name in ("good1", "good2", "good3"):
        shutil.copy(REFERENCE, folder / f"{name}.py")
    out = tmp_path / "out"
    summary = run_batch(ASSIGNMENT, folder, out, workers=2, options=Options(sandbox_level="rlimits"))
    assert sorted(summary.graded) == ["good1", "good2", "good3"]
    assert summary.grader_errors == {"aaa_kills": KILLED}
    assert scores(out) == {"good1": 100.0, "good2": 100.0, "good3": 100.0}  # no score: a rerun retries it
    write_reports_for(out, [ASSIGNMENT])
    assert (out / ASSIGNMENT / "students" / "good3.md").exists()


def test_the_fingerprint_covers_the_modules_the_checks_import():
    from grader.assignments import ASSIGNMENTS, ROOT
    from grader.instructor.fingerprint import scoring_modules

    names = {
        str(p.relative_to(ROOT / "grader")) for p in scoring_modules(ASSIGNMENTS[ASSIGNMENT].checks_path)
    }
    assert {"checks/week1_initialization.py", "checks/week1_init_reg_mistakes.py",
            "checks/coursera/week1_init_reg_cases.py"} <= names  # fmt: skip
    assert "checks/coursera/__init__.py" in names  # official_calls: a package's own code counts too


def test_the_fingerprint_covers_the_shared_scoring_code_and_not_the_reports():
    from grader.assignments import ROOT
    from grader.instructor.fingerprint import shared_scoring_modules

    names = {str(p.relative_to(ROOT / "grader")) for p in shared_scoring_modules()}
    shared = {"judge/compare.py", "judge/judging.py", "judge/strategies.py", "judge/plugin.py",
              "boundary/remote.py", "submission.py", "judge/unfinished.py", "judge/salt.py",
              "boundary/worker/main.py", "boundary/worker/course_numpy.py", "boundary/shims/testCases.py",
              "judge/statistics.py", "judge/numerical.py", "instructor/batch.py", "instructor/tapes.py"}  # fmt: skip
    assert shared <= names
    assert not {"instructor/reports.py", "render.py", "instructor/exports.py", "cli.py"} & names
    assert not any(name.startswith("instructor/commands/") for name in names)
    assert not any(name.startswith("checks/") for name in names)  # per assignment


@pytest.mark.parametrize("shared", ["grader/judge/statistics.py", "grader/judge/numerical.py"])
def test_a_change_in_a_shared_test_changes_every_fingerprint(monkeypatch, shared):
    """The statistical tests and central differences decide scores: editing them regrades."""
    from grader.assignments import ROOT
    from grader.instructor.fingerprint import fingerprint

    before = {name: fingerprint(name) for name in ("week1-initialization", "week1-extras", "c4w1")}
    real = Path.read_bytes
    monkeypatch.setattr(
        Path, "read_bytes", lambda path: real(path) + (b"\n# edited" if path == ROOT / shared else b"")
    )
    after = {name: fingerprint(name) for name in before}
    assert all(after[name] != before[name] for name in before)
