r"""How a worker process is started: interpreter flags, scratch directory, resource limits.

Containment level reached here is ``"rlimits"``: a separate ``python -I`` process in its
own session (so the whole process group can be killed), started in a private scratch
directory, with limits on address space, CPU time, file size, open files and process
count.  Stronger levels (bubblewrap, namespaces) build on the same :class:`Limits`.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

GRADER_DIR = Path(__file__).resolve().parent
WORKER_DIR = GRADER_DIR / "worker"
SHIMS_DIR = GRADER_DIR / "shims"
REFERENCE_DIR = GRADER_DIR.parent / "reference"
# Non-graded course code the shims re-export (opt_utils_v1a -> nn_helpers, moons): by
# convention reference/*_helpers.py plus the data set module; never a graded module.
HELPER_MODULES = ("moons.py", *sorted(p.name for p in REFERENCE_DIR.glob("*_helpers.py")))
LEVEL = "rlimits"

MiB = 2**20


@dataclass(frozen=True)
class Limits:
    """Resource limits of one worker process."""

    address_space: int = 3072 * MiB
    cpu_seconds: int = 120
    file_size: int = 16 * MiB
    open_files: int = 64
    extra_processes: int = 16


def _processes_of_current_user() -> int:
    uid = os.getuid()
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                count += entry.stat().st_uid == uid
            except OSError:
                pass
    return count


def prepare_scratch() -> Path:
    """A private directory the worker runs in, with the helper modules it may import."""
    scratch = Path(tempfile.mkdtemp(prefix="dls-grader-"))
    lib = scratch / "lib"
    lib.mkdir()
    for name in HELPER_MODULES:
        shutil.copyfile(REFERENCE_DIR / name, lib / name)
    return scratch


def worker_command(scratch: Path, read_fd: int, write_fd: int) -> list[str]:
    return [sys.executable, "-I", "-X", "faulthandler", str(WORKER_DIR / "main.py"),
            str(read_fd), str(write_fd)]  # fmt: skip


def worker_environment(scratch: Path) -> dict[str, str]:
    """A minimal environment: no inherited secrets, one BLAS thread, fixed hash seed."""
    path = os.pathsep.join([str(WORKER_DIR), str(SHIMS_DIR), str(scratch / "lib")])
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(scratch),
        "TMPDIR": str(scratch),
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "DLS_WORKER_PATH": path,
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
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
    return _processes_of_current_user() + limits.extra_processes
