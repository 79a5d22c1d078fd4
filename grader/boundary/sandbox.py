r"""How a worker process is contained: levels, identity, file system view, resource limits.

Three levels, strongest first; :func:`choose_level` probes which this machine has:

``bubblewrap``
    ``bwrap`` with every namespace unshared (no network, own pid namespace so every
    descendant dies with the worker), ``--die-with-parent``, capabilities dropped.  The
    worker's file system is built from an allowlist (:func:`bubblewrap_prefix`): the system
    directories and the interpreter's prefix read-only, with every Python package directory
    in them (site-packages, dist-packages, the grader's own install) covered by an empty
    read-only tmpfs; numpy (and ``numpy.libs``) bound alone into the base interpreter's emptied
    site directory (:func:`sandbox_site`); a venv is never bound; the worker's files copied
    into ``scratch/lib`` (:func:`prepare_scratch`).  The only writable places are
    size-limited tmpfs: the working directory, ``/tmp`` and ``/dev/shm``.  ``reference/``,
    the checks and the instructor's tools are not in the view, whatever the install
    (editable, wheel, Gradescope).
``namespaces``
    ``unshare`` of the network and pid namespaces: no network, and every descendant dies
    with the worker.  The file system is the host's, seen with the worker's user's rights.
``rlimits``
    A plain process in its own session.

At every level, when the judge runs as root and an unprivileged user can reach the
interpreter and numpy (:func:`own_user_possible`), the worker runs as a user of its own
(:func:`new_worker_uid`: unique per worker, no supplementary groups): it cannot signal the
judge or write a file the judge owns, and after grading every process of that uid is
killed (:func:`kill_stragglers`), however it left the session or cleared its environment.
:func:`weaknesses` says what a level cannot guarantee here; instructor grading refuses
such a level unless told otherwise (:func:`refuse_weak`).

Also at every level: limits on address space, CPU time, file size, open files and process
count (``RLIMIT_NPROC`` counts all processes of the user: the worker's own user has none
to begin with; sharing the judge's, the limit is its current count plus a margin, and root
ignores it outside a user namespace), a minimal environment, and ``python -s -P`` (``-I``
without its ``-E``, which would ignore the environment's ``PYTHONHASHSEED=0``).
"""

from __future__ import annotations

import functools
import itertools
import os
import resource
import shutil
import signal
import site
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy

BOUNDARY_DIR = Path(__file__).resolve().parent
GRADER_DIR = BOUNDARY_DIR.parent
# The worker's own modules: every module of grader/boundary/worker/ (main.py imports them by name).
WORKER_FILES = tuple(sorted(p for p in (BOUNDARY_DIR / "worker").glob("*.py") if p.name != "__init__.py"))
SHIMS_DIR = BOUNDARY_DIR / "shims"
REFERENCE_DIR = GRADER_DIR.parent / "reference"
# Non-graded course code the shims re-export (opt_utils_v1a -> nn_helpers, moons): by
# convention reference/*_helpers.py plus the data set module; never a graded module.
HELPER_MODULES = ("moons.py", *sorted(p.name for p in REFERENCE_DIR.glob("*_helpers.py")))
#: What a submission must never read: the reference, the checks, the instructor's tools.
SECRET_DIRS = (REFERENCE_DIR, GRADER_DIR / "checks", GRADER_DIR)
LEVELS = ("bubblewrap", "namespaces", "rlimits")  # strongest first
TOKEN_VARIABLE = "DLS_GRADER_WORKER"

MiB = 2**20
WORK_TMPFS_BYTES = 64 * MiB  # bubblewrap: the most a submission can write in work/ and /tmp
SHM_TMPFS_BYTES = 1 * MiB  # bubblewrap: its own /dev/shm (numpy never needs it)
HIDING_TMPFS_BYTES = 4096  # bubblewrap: what covers a package directory (read-only, empty)
SYSTEM_DIRS = ("/bin", "/lib", "/lib64", "/sbin")
# Own users: uid = base | judge pid << 8 | worker count mod 256, so workers of different
# judges never share a uid, nor do 256 consecutive workers of one judge (pid < 2**22).
WORKER_UID_BASE = 1 << 30
_worker_count = itertools.count()


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
    """Whether ``level`` works here: probed once per process by starting ``true`` in it,
    as the user workers run as."""
    if level == "rlimits":
        return True
    uid = new_worker_uid()
    scratch = prepare_scratch(uid)
    try:
        probe = subprocess.run(wrap(level, ["/bin/true"], scratch, uid), capture_output=True, timeout=10,
                               preexec_fn=lambda: become(uid))  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return False
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return probe.returncode == 0


def available_levels() -> tuple[str, ...]:
    """Every level that works here, strongest first."""
    return tuple(level for level in LEVELS if works(level))


def choose_level(required: str = "rlimits", forced: str | None = None) -> str:
    """The strongest working level (or ``forced``), refusing anything below ``required``.

    Levels are probed strongest first and only until one works (~10 ms each).
    """
    if forced is not None and not works(forced):
        raise SandboxUnavailable(
            f"sandbox level {forced!r} is not available here (have: {', '.join(available_levels())})"
        )
    level = forced or next(level for level in LEVELS if works(level))
    if not stronger_or_equal(level, required):
        raise SandboxUnavailable(
            f"the strongest sandbox here is {level!r}, below the required {required!r}; "
            "install bubblewrap (Debian: apt-get install bubblewrap) or lower --require-sandbox"
        )
    return level


def weaknesses(level: str) -> list[str]:
    """What ``level`` cannot guarantee on this machine; empty when a submission can neither
    signal the judge, write the judge's files, outlive grading, nor read ``reference/``, the
    checks or the instructor's tools.  bubblewrap guarantees all of it by its namespaces and
    its file system view; the other levels only with a user of the worker's own."""
    if level == "bubblewrap":
        return []
    if not own_user_possible():
        why = ("the judge is not root" if os.geteuid() != 0 else
               "an unprivileged user cannot reach the interpreter or numpy")  # fmt: skip
        shared = "the worker runs as the judge's own user (" + why + "): it can write the judge's files"
        if level == "rlimits":
            shared += ", signal the judge and leave processes behind"
        return [shared, "it can read the reference and the checks"]
    readable = [str(path) for path in SECRET_DIRS if reachable_by_anyone(path)]
    return [f"the worker's user can read {', '.join(readable)}"] if readable else []


def refuse_weak(level: str) -> None:
    """:class:`SandboxUnavailable` unless ``level`` gives every guarantee (:func:`weaknesses`)."""
    missing = weaknesses(level)
    if missing:
        raise SandboxUnavailable(
            f"the sandbox here is {level!r}, which cannot protect grading: {'; '.join(missing)}. "
            "Install bubblewrap (Debian: apt-get install bubblewrap) and allow user namespaces, or "
            "pass --allow-weak-sandbox to grade anyway (every result records the level used)"
        )


def wrap(level: str, argv: list[str], scratch: Path, uid: int | None = None) -> list[str]:
    """``argv`` run at containment ``level`` (started as ``uid`` when it is not None)."""
    if level == "bubblewrap":
        return [*bubblewrap_prefix(scratch), "--", *argv]
    if level == "namespaces":
        user = [] if os.getuid() == 0 and uid is None else ["--user", "--map-root-user"]
        return ["unshare", *user, "--net", "--pid", "--fork", "--kill-child", "--", *argv]
    return argv


# --------------------------------------------------------------------------- bubblewrap's view


def bubblewrap_prefix(scratch: Path) -> list[str]:
    """The ``bwrap`` arguments of the worker's file system view (see the module doc)."""
    args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--uid", "65534", "--gid", "65534",
            "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--size", str(SHM_TMPFS_BYTES), "--tmpfs", "/dev/shm",
            "--size", str(WORK_TMPFS_BYTES), "--tmpfs", "/tmp",
            "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
            "--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu"]  # fmt: skip
    for name in SYSTEM_DIRS:
        target = Path(name)
        if target.is_symlink():
            args += ["--symlink", os.readlink(target), name]
        elif target.is_dir():
            args += ["--ro-bind", name, name]
    for root in interpreter_roots():
        args += ["--ro-bind", str(root), str(root)]
    for hidden in hidden_package_dirs():  # an empty tmpfs each, read-only once numpy is in
        args += ["--size", str(HIDING_TMPFS_BYTES), "--tmpfs", str(hidden)]
    for folder in numpy_dirs():
        args += ["--ro-bind", str(folder), str(sandbox_site() / folder.name)]
    for hidden in hidden_package_dirs():
        args += ["--remount-ro", str(hidden)]
    lib, work = scratch / "lib", scratch / "work"
    return [*args, "--ro-bind", str(lib), str(lib),
            "--size", str(WORK_TMPFS_BYTES), "--tmpfs", str(work), "--chdir", str(work)]  # fmt: skip


@functools.cache
def interpreter_roots() -> tuple[Path, ...]:
    """The base interpreter's prefixes outside ``/usr`` (a venv's prefix is never bound:
    its site-packages may hold the grader and the reference)."""
    roots = {Path(sys.base_prefix).resolve(), Path(sys.base_exec_prefix).resolve()}
    return tuple(sorted(root for root in roots if not _under(root, [Path("/usr")])))


def bound_roots() -> list[Path]:
    """Every host directory bubblewrap binds wholesale."""
    system = [Path(name).resolve() for name in SYSTEM_DIRS if Path(name).is_dir()]
    return [Path("/usr"), *system, *interpreter_roots()]


@functools.cache
def hidden_package_dirs() -> tuple[Path, ...]:
    """Every Python package directory inside the bound roots, and the grader's own install
    directory if it is there: each is covered by an empty directory in the view."""
    roots = bound_roots()
    patterns = ("lib*/python3*/site-packages", "lib*/python3*/dist-packages", "lib/python3/dist-packages")
    bases = {*roots, Path("/usr/local")}
    found = {p.resolve() for base in bases for pattern in patterns for p in base.glob(pattern)}
    found |= {GRADER_DIR.parent, REFERENCE_DIR.resolve()}
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    return tuple(sorted(p for p in found if p.is_dir() and _under(p, roots) and not _under(stdlib, [p])))


@functools.cache
def numpy_dirs() -> tuple[Path, ...]:
    """numpy's package directory and, for a wheel, the shared libraries beside it."""
    package = Path(numpy.__file__).resolve().parent
    libs = package.parent / "numpy.libs"
    return (package, libs) if libs.is_dir() else (package,)


@functools.cache
def sandbox_site() -> Path:
    """Where numpy appears in the view: the base interpreter's first site directory (on its
    ``sys.path`` even under ``-I``), emptied of everything else."""
    for folder in site.getsitepackages([sys.base_prefix]):
        if Path(folder).resolve() in hidden_package_dirs():
            return Path(folder).resolve()
    raise SandboxUnavailable(f"the interpreter {sandbox_interpreter()} has no site directory for numpy")


def sandbox_interpreter() -> str:
    """The base interpreter (a venv's ``python`` would bring the venv's site-packages)."""
    return str(Path(getattr(sys, "_base_executable", sys.executable) or sys.executable).resolve())


def _under(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


# --------------------------------------------------------------------------- the worker's user


@functools.cache
def own_user_possible() -> bool:
    """Whether workers can run as users of their own: the judge is root, the uid range is
    mapped in this user namespace, and anyone can reach the interpreter and numpy."""
    if os.geteuid() != 0 or not _uid_range_mapped():
        return False
    needed = [Path(sys.executable), Path(sandbox_interpreter()), Path(sysconfig.get_paths()["stdlib"]),
              *numpy_dirs(), Path(tempfile.gettempdir())]  # fmt: skip
    return all(reachable_by_anyone(path) for path in needed)


def new_worker_uid() -> int | None:
    """A uid no other live worker has (see :data:`WORKER_UID_BASE`), or None: the judge's."""
    if not own_user_possible():
        return None
    return WORKER_UID_BASE | (os.getpid() << 8) | (next(_worker_count) & 0xFF)


def reachable_by_anyone(path: Path) -> bool:
    """Whether a user with no relation to the owners can read ``path`` (each directory on
    the way searchable by others, the path itself readable by others), links followed."""
    for candidate in {path.absolute(), path.resolve()}:
        try:
            for folder in candidate.parents:
                if not os.stat(folder).st_mode & stat.S_IXOTH:
                    return False
            if not os.stat(candidate).st_mode & stat.S_IROTH:
                return False
        except OSError:
            return False
    return True


def _uid_range_mapped() -> bool:
    top = WORKER_UID_BASE | ((1 << 22) << 8)
    try:
        lines = Path("/proc/self/uid_map").read_text().split("\n")
    except OSError:
        return False
    for line in lines:
        fields = line.split()
        if len(fields) == 3 and int(fields[0]) <= WORKER_UID_BASE and top <= int(fields[0]) + int(fields[2]):
            return True
    return False


def become(uid: int | None) -> None:
    """In the child between fork and exec: drop to ``uid`` (and gid, no other groups)."""
    if uid is not None:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)


# --------------------------------------------------------------------------- the worker


def prepare_scratch(uid: int | None = None) -> Path:
    """A private directory: ``lib/`` holds everything the worker may import and nothing
    else (read-only to the worker); ``work/`` is the submission's working directory (the
    worker's user's own; a size-limited tmpfs under bubblewrap); the worker's log stays
    outside both (written through a descriptor)."""
    scratch = Path(tempfile.mkdtemp(prefix="dls-grader-"))
    scratch.chmod(0o711)
    lib, work = scratch / "lib", scratch / "work"
    shutil.copytree(SHIMS_DIR, lib, ignore=shutil.ignore_patterns("__pycache__", "*.md"),
                    copy_function=shutil.copyfile)  # fmt: skip
    for source in (*WORKER_FILES, *(REFERENCE_DIR / name for name in HELPER_MODULES)):
        shutil.copyfile(source, lib / source.name)
    for here, _, files in os.walk(lib):  # readable by the worker's user, however installed
        os.chmod(here, 0o755)
        for name in files:
            os.chmod(os.path.join(here, name), 0o644)
    work.mkdir()
    if uid is None:
        work.chmod(0o777)  # bubblewrap maps the judge's user to "nobody" in its namespace
    else:
        os.chown(work, uid, uid)
    return scratch


def worker_command(
    level: str, scratch: Path, read_fd: int, write_fd: int, uid: int | None = None
) -> list[str]:
    python = sandbox_interpreter() if level == "bubblewrap" else sys.executable
    argv = [
        python,
        "-s",
        "-P",
        "-X",
        "faulthandler",
        str(scratch / "lib" / "main.py"),
        str(read_fd),
        str(write_fd),
    ]
    return wrap(level, argv, scratch, uid)


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


def limit_resources(limits: Limits, nproc: int, uid: int | None = None) -> None:
    """Runs in the child between fork and exec (``preexec_fn``): the limits, then ``uid``."""
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
    become(uid)


def process_limit(limits: Limits, uid: int | None = None) -> int:
    """``RLIMIT_NPROC`` for a worker: its own user starts with no process at all."""
    if uid is not None:
        return limits.extra_processes
    uid = os.getuid()
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                count += entry.stat().st_uid == uid
            except OSError:
                pass
    return count + limits.extra_processes


def kill_stragglers(token: str, uid: int | None = None, wait: float = 2.0, pids: Iterable[int] = ()) -> int:
    """Kill every process whose environment carries ``token`` or that runs as ``uid``, and
    ``pids`` (the worker's own processes, found before it was killed), then wait until none
    of them is alive.  With ``uid``, nothing the worker started survives: a process cannot
    leave its user.  Without, one that left the session and cleared its environment can,
    unless a pid namespace holds it: the namespace's init (among ``pids``) becomes a zombie
    only once every process of its namespace is gone, so waiting for it waits for them.

    "Gone" means dead or a zombie (:func:`is_alive`), not merely unreadable: an exiting
    process's environment reads empty before it has killed its namespace."""
    killed, deadline = 0, time.monotonic() + wait
    pending = set(pids)
    while True:
        found = processes_with(token, uid)
        pending = {pid for pid in pending.union(found) if is_alive(pid)}
        if not pending or time.monotonic() > deadline:
            return killed
        for pid in pending:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
        time.sleep(0.01)


def is_alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat_file:
            fields = stat_file.read().rpartition(b")")[2].split()
    except OSError:
        return False
    return fields[:1] not in ([b"Z"], [b"X"], [])


def children_of(parent: int) -> list[int]:
    """The processes whose parent is ``parent`` (a worker's launcher: the worker itself)."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat_file:
                fields = stat_file.read().rpartition(b")")[2].split()
        except OSError:
            continue
        if len(fields) > 1 and fields[1] == str(parent).encode():
            found.append(int(entry.name))
    return found


def processes_with(token: str, uid: int | None = None) -> list[int]:
    """Processes (not zombies) whose environment holds ``TOKEN_VARIABLE=token``, or whose
    real uid is ``uid``."""
    needle = f"{TOKEN_VARIABLE}={token}".encode()
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if uid is not None and _real_uid(entry.name) == uid:
                found.append(int(entry.name))
                continue
            with open(f"/proc/{entry.name}/environ", "rb") as environ:
                if needle in environ.read().split(b"\0"):
                    found.append(int(entry.name))
        except OSError:
            pass
    return found


def _real_uid(pid: str) -> int | None:
    """The real uid of a live process (None for a zombie, which cannot be killed)."""
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    if fields.get("State", "").split()[:1] == ["Z"]:
        return None
    return int(fields["Uid"].split()[0])
