"""The worker's own user: what running as it guarantees, and what each level admits it cannot.

The full worker runs as its own user only where an unprivileged user can reach the
interpreter and numpy (sandbox.own_user_possible); these tests use /bin/sh in its place, so
they prove the mechanism wherever the judge is root.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from grader.api import grade
from grader.assignments import ROOT
from grader.boundary import sandbox

AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a worker a user of its own")
UID = sandbox.WORKER_UID_BASE | 0xFFFF  # no judge has this pid: free for the test


def run_as(uid: int, script: str) -> str:
    """What ``script`` prints, run by /bin/sh as the worker would be: its limits, then ``uid``,
    with an empty environment."""
    limits = sandbox.Limits()
    done = subprocess.run(["/bin/sh", "-c", script], env={}, start_new_session=True, capture_output=True,
                          text=True, timeout=10,
                          preexec_fn=lambda: sandbox.limit_resources(limits, 16, uid))  # fmt: skip
    return done.stdout + done.stderr


@AS_ROOT
def test_a_worker_of_its_own_user_cannot_signal_the_judge():
    out = run_as(UID, f"id -u; id -G; kill -INT {os.getpid()} && echo delivered")
    assert out.split()[:2] == [str(UID), str(UID)]  # no supplementary group (root's 0 is gone)
    assert "delivered" not in out


@AS_ROOT
def test_every_process_of_the_workers_user_is_killed_even_one_that_left_with_an_empty_environment(tmp_path):
    marker = tmp_path / "written"
    tmp_path.chmod(0o777)
    daemon = f"setsid sh -c 'sleep 1; echo 100 > {marker}' </dev/null >/dev/null 2>&1 &"
    run_as(UID, daemon)  # the daemon left the session; no token in its environment
    assert sandbox.processes_with("no-such-token", UID)
    sandbox.kill_stragglers("no-such-token", UID)
    time.sleep(1.5)
    assert sandbox.processes_with("no-such-token", UID) == []
    assert not marker.exists()


@AS_ROOT
def test_the_scratch_directory_is_the_workers_and_the_library_only_readable():
    scratch = sandbox.prepare_scratch(UID)
    try:
        assert (scratch / "work").stat().st_uid == UID
        assert (scratch / "lib").stat().st_uid == 0 and (scratch / "lib").stat().st_mode & 0o777 == 0o755
        assert all(p.stat().st_mode & 0o777 == 0o644 for p in (scratch / "lib").rglob("*.py"))
        assert sandbox.reachable_by_anyone(scratch / "lib" / "main.py")
    finally:
        shutil.rmtree(scratch)


def test_reachable_by_anyone_needs_every_folder_on_the_way_searchable():
    tmp_path = Path(tempfile.mkdtemp(dir="/tmp"))  # pytest's own tmp_path is private to its user
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (inner / "f.py").write_text("")
    for folder in (tmp_path, tmp_path / "a", inner):
        folder.chmod(0o755)
    (inner / "f.py").chmod(0o644)
    assert sandbox.reachable_by_anyone(inner / "f.py")
    (tmp_path / "a").chmod(0o700)
    assert not sandbox.reachable_by_anyone(inner / "f.py")
    shutil.rmtree(tmp_path)


def test_bubblewrap_guarantees_everything_and_a_weak_level_says_what_it_cannot(monkeypatch):
    assert sandbox.weaknesses("bubblewrap") == []
    monkeypatch.setattr(sandbox, "own_user_possible", lambda: False)
    rlimits = " ".join(sandbox.weaknesses("rlimits"))
    assert "signal the judge" in rlimits and "read the reference" in rlimits
    assert "signal the judge" not in " ".join(sandbox.weaknesses("namespaces"))  # its own pid namespace
    with pytest.raises(sandbox.SandboxUnavailable, match="--allow-weak-sandbox"):
        sandbox.refuse_weak("rlimits")


def test_with_its_own_user_a_level_is_weak_only_while_the_install_is_readable(monkeypatch):
    monkeypatch.setattr(sandbox, "own_user_possible", lambda: True)
    monkeypatch.setattr(sandbox, "reachable_by_anyone", lambda path: path == sandbox.REFERENCE_DIR)
    assert sandbox.weaknesses("rlimits") == [f"the worker's user can read {sandbox.REFERENCE_DIR}"]
    monkeypatch.setattr(sandbox, "reachable_by_anyone", lambda path: False)
    assert sandbox.weaknesses("rlimits") == []


def test_instructor_grading_refuses_a_weak_level_unless_allowed(monkeypatch):
    monkeypatch.setattr(sandbox, "own_user_possible", lambda: False)
    reference = ROOT / "reference" / "optimization.py"
    with pytest.raises(sandbox.SandboxUnavailable, match="cannot protect grading"):
        grade("week2", reference, sandbox_level="rlimits", allow_weak_sandbox=False)


def test_grade_batch_refuses_a_weak_level_unless_allowed(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from grader.cli import main

    monkeypatch.setattr(sandbox, "choose_level", lambda required, forced: "rlimits")
    monkeypatch.setattr(sandbox, "own_user_possible", lambda: False)
    (tmp_path / "class").mkdir()
    refused = CliRunner().invoke(
        main, ["batch", "week2", str(tmp_path / "class"), "--out", str(tmp_path / "out")]
    )
    assert refused.exit_code == 2 and "--allow-weak-sandbox" in refused.output
    assert not (tmp_path / "out").exists()


def test_a_zombie_is_not_alive_and_a_sleeping_process_is():
    sleeping = subprocess.Popen(["sleep", "30"])
    exited = subprocess.Popen(["true"])
    deadline = time.monotonic() + 5
    while sandbox.is_alive(exited.pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        assert sandbox.is_alive(sleeping.pid)
        assert not sandbox.is_alive(exited.pid)  # a zombie until reaped: it can run nothing
    finally:
        sleeping.kill()
        sleeping.wait()
        exited.wait()


def test_the_workers_own_processes_are_killed_and_waited_for_even_without_their_token():
    """An exiting process's environment reads empty while its pid namespace still lives
    (tests/hostile/setsid_daemon_slow_exit.py): what was found before the kill is waited for."""
    process = subprocess.Popen(["sleep", "30"], env={})
    assert process.pid not in sandbox.processes_with("no-such-token")
    assert process.pid in sandbox.children_of(os.getpid())
    assert sandbox.kill_stragglers("no-such-token", pids=[process.pid]) >= 1
    assert not sandbox.is_alive(process.pid)
    assert process.wait(timeout=5) == -9
