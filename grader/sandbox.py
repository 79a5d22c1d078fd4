r"""How a worker process is contained: levels, scratch directory, resource limits.

Three levels, strongest first; :func:`choose_level` probes which this machine has:

``bubblewrap``
    ``bwrap`` with every namespace unshared (no network, own pid namespace so every
    descendant dies with the worker), ``--die-with-parent``, capabilities dropped, the
    system and the Python prefix read-only, ``/tmp`` a tmpfs, and the private scratch
    directory as the only writable place.  Nothing of the repository is visible: the
    worker's files are copied into the scratch directory (:func:`prepare_scratch`).
``namespaces``
    ``unshare`` of the network and pid namespaces (and the user namespace when not root):
    no network, and every descendant dies with the worker.  Files stay visible.
``rlimits``
    A plain process in its own session.  After it ends, any process still carrying its
    token in the environment (a daemon that escaped the session) is killed.

At every level: limits on address space, CPU time, file size, open files and process
count (``RLIMIT_NPROC`` counts all processes of the user, so the limit is the user's
current count plus a margin; root ignores it outside a user namespace, which is why the
pid namespace matters), a minimal environment, and ``python -s -P`` (``-I`` without its
``-E``, which would ignore the environment's ``PYTHONHASHSEED=0``).
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GRADER_DIR = Path(__file__).resolve().parent
WORKER_FILES = tuple(GRADER_DIR / "worker" / name for name in ("main.py", "wire.py", "course_numpy.py", "entropy.py"))
SHIMS_DIR = GRADER_DIR / "shims"
REFERENCE_DIR = GRADER_DIR.parent / "reference"
# Non-graded course code the shims re-export (opt_utils_v1a -> nn_helpers, moons): by
# convention reference/*_helpers.py plus the data set module; never a graded module.
HELPER_MODULES = ("moons.py", *sorted(p.name for p in REFERENCE_DIR.glob("*_helpers.py")))
LEVELS = ("bubblewrap", "namespaces", "rlimits")  # strongest first
TOKEN_VARIABLE = "DLS_GRADER_WORKER"

MiB = 2**20
WORK_TMPFS_BYTES = 64 * MiB  # bubblewrap: the most a submission can write (memory-backed)


class SandboxUnavailable(RuntimeError):
    """The required containment level cannot be reached on this machine."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one worker process."""

    address_space: int = 3072 * MiB
    cpu_seconds: int = 120
    file_size: int = 16 * MiB
    open_files: int = 64
    extra_processes: int = 16


# --------------------------------------------------------------------------- levels


def stronger_or_equal(level: str, required: str) -> bool:
    return LEVELS.index(level) <= LEVELS.index(required)


@functools.cache
def works(level: str) -> bool:
    """Whether ``level`` works here: probed once per process by starting ``true`` in it."""
    if level == "rlimits":
        return True
    try:
        probe = subprocess.run(wrap(level, ["/bin/true"], Path("/")), capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def available_levels() -> tuple[str, ...]:
    """Every level that works here, strongest first."""
    return tuple(level for level in LEVELS if works(level))


def choose_level(required: str = "rlimits", forced: str | None = None) -> str:
    """The strongest working level (or ``forced``), refusing anything below ``required``.

    Levels are probed strongest first and only until one works (~10 ms each).
    """
    if forced is not None and not works(forced):
        raise SandboxUnavailable(f"sandbox level {forced!r} is not available here (have: {', '.join(available_levels())})")
    level = forced or next(level for level in LEVELS if works(level))
    if not stronger_or_equal(level, required):
        raise SandboxUnavailable(
            f"the strongest sandbox here is {level!r}, below the required {required!r}; "
            "install bubblewrap (Debian: apt-get install bubblewrap) or lower --require-sandbox"
        )
    return level


def wrap(level: str, argv: list[str], scratch: Path) -> list[str]:
    """``argv`` run at containment ``level``."""
    if level == "bubblewrap":
        return [*bubblewrap_prefix(scratch), "--", *argv]
    if level == "namespaces":
        user = [] if os.getuid() == 0 else ["--user", "--map-root-user"]
        return ["unshare", *user, "--net", "--pid", "--fork", "--kill-child", "--", *argv]
    return argv


def bubblewrap_prefix(scratch: Path) -> list[str]:
    prefixes = sorted({Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.prefix)})
    args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--uid", "65534", "--gid", "65534",
            "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev",
            "--size", str(WORK_TMPFS_BYTES), "--tmpfs", "/tmp",
            "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
            "--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu"]  # fmt: skip
    for name in ("bin", "lib", "lib64", "sbin"):
        target = Path("/") / name
        if target.is_symlink():
            args += ["--symlink", os.readlink(target), str(target)]
        elif target.is_dir():
            args += ["--ro-bind", str(target), str(target)]
    for prefix in prefixes:
        args += ["--ro-bind", str(prefix), str(prefix)]
    lib, work = scratch / "lib", scratch / "work"
    return [*args, "--ro-bind", str(lib), str(lib),
            "--size", str(WORK_TMPFS_BYTES), "--tmpfs", str(work), "--chdir", str(work)]  # fmt: skip


# --------------------------------------------------------------------------- the worker


def prepare_scratch() -> Path:
    """A private directory: ``lib/`` holds everything the worker may import and nothing
    else (read-only under bubblewrap); ``work/`` is the submission's working directory
    (a size-limited tmpfs under bubblewrap); the worker's log stays outside both."""
    scratch = Path(tempfile.mkdtemp(prefix="dls-grader-"))
    (scratch / "work").mkdir()
    lib = scratch / "lib"
    shutil.copytree(SHIMS_DIR, lib, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
    for source in (*WORKER_FILES, *(REFERENCE_DIR / name for name in HELPER_MODULES)):
        shutil.copyfile(source, lib / source.name)
    (scratch / "work").chmod(0o777)  # the sandbox runs as "nobody" in its user namespace
    return scratch


def worker_command(level: str, scratch: Path, read_fd: int, write_fd: int) -> list[str]:
    python = [sys.executable, "-s", "-P", "-X", "faulthandler", str(scratch / "lib" / "main.py"), str(read_fd), str(write_fd)]
    return wrap(level, python, scratch)


def worker_environment(scratch: Path, token: str) -> dict[str, str]:
    """A minimal environment: no inherited secrets, one BLAS thread, fixed hash seed."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(scratch / "work"),
        "TMPDIR": str(scratch / "work"),
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "DLS_WORKER_PATH": str(scratch / "lib"),
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        TOKEN_VARIABLE: token,
    }


def limit_resources(limits: Limits, nproc: int) -> None:
    """Runs in the child between fork and exec (``preexec_fn``)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # over-long writes fail, not kill
    for name, value in (
        (resource.RLIMIT_AS, limits.address_space),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_FSIZE, limits.file_size),
        (resource.RLIMIT_NOFILE, limits.open_files),
        (resource.RLIMIT_NPROC, nproc),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(name, (value, value))


def process_limit(limits: Limits) -> int:
    uid = os.getuid()
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                count += entry.stat().st_uid == uid
            except OSError:
                pass
    return count + limits.extra_processes


def kill_stragglers(token: str, wait: float = 2.0) -> int:
    """Kill every process whose environment carries ``token``, and wait until none is left
    (processes of a pid namespace die asynchronously once its init is gone)."""
    killed, deadline = 0, time.monotonic() + wait
    while True:
        found = processes_with(token)
        if not found or time.monotonic() > deadline:
            return killed
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
        time.sleep(0.01)


def processes_with(token: str) -> list[int]:
    """Processes (not zombies) whose environment holds ``TOKEN_VARIABLE=token``."""
    needle = f"{TOKEN_VARIABLE}={token}".encode()
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry.name}/environ", "rb") as environ:
                if needle in environ.read().split(b"\0"):
                    found.append(int(entry.name))
        except OSError:
            pass
    return found
