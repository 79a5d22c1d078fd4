r"""The worker's randomness and clocks, the same in every grading (standard library and numpy only).

:func:`fix_per_grading` runs once, in ``main()``, before any submission code.  After it,
every source of randomness and time a submission can reach from Python gives the same
sequence in every grading of the same submission, so a submission that draws from them
gets the same score every time (a submission that read ``os.urandom`` scored 96, 96, 96
and 93 on four gradings):

* ``os.urandom``, ``os.getrandom`` and the ``random`` module's own ``_urandom`` (behind
  ``random.SystemRandom``, ``secrets``, ``uuid.uuid4``, and numpy's ``SeedSequence``,
  hence ``np.random.default_rng()``, ``np.random.seed()`` and every unseeded bit generator)
  read one fixed byte stream (SHA-256 in counter mode);
* ``random.Random()`` and ``random.seed()`` without a seed take theirs from that stream;
  the module's generator and numpy's legacy one start seeded with :data:`SEED`;
* ``time.time``, ``monotonic``, ``perf_counter``, ``process_time``, ``thread_time`` (and
  their ``_ns`` forms), ``datetime.datetime.now``/``utcnow``/``today`` and
  ``datetime.date.today`` read a virtual clock that starts at :data:`EPOCH` and advances
  by :data:`TICK_NS` per reading and by the requested time per ``time.sleep`` (which still
  sleeps: a submission's time costs its budget as before).  A result can therefore depend
  neither on the wall clock nor on the speed of the machine.
* String hashes: the launcher starts the worker with ``PYTHONHASHSEED=0`` honoured
  (``python -s -P``, not ``-I``, whose ``-E`` ignores it), so set order is fixed too;
  :func:`hash_randomization_is_off` says whether it was.

Not covered, on purpose: the kernel's own sources, which a submission reaches only by
asking for them explicitly (reading ``/dev/urandom`` or ``/proc/sys/kernel/random/uuid``,
file modification times, ``/proc/uptime``, ``resource.getrusage``, object addresses from
``id()``).  Such a submission can make its own score vary, and gains nothing by it: each
check needs right answers on every input, which only right code has.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import random
import sys
import time

import numpy as np

#: Seed of the fixed streams and of the module-level generators.
SEED = 0
#: The virtual clock's start: 2026-01-01 00:00:00 UTC, in nanoseconds since the epoch.
EPOCH = 1_767_225_600 * 10**9
#: How far the virtual clock moves per reading: one microsecond.
TICK_NS = 1_000


class ByteStream:
    """An endless fixed byte stream: SHA-256 of (label, block number), block after block."""

    def __init__(self, label: bytes) -> None:
        self.label = label
        self.block = 0
        self.buffer = b""

    def read(self, size: int) -> bytes:
        """The next ``size`` bytes (``os.urandom``'s contract: ``size`` >= 0)."""
        size = int(size)
        if size < 0:
            raise ValueError("negative argument not allowed")
        while len(self.buffer) < size:
            self.buffer += hashlib.sha256(self.label + self.block.to_bytes(8, "big")).digest()
            self.block += 1
        out, self.buffer = self.buffer[:size], self.buffer[size:]
        return out


class VirtualClock:
    """Nanoseconds since :data:`EPOCH`'s epoch, :data:`TICK_NS` later at every reading."""

    def __init__(self) -> None:
        self.now_ns = EPOCH

    def read_ns(self) -> int:
        self.now_ns += TICK_NS
        return self.now_ns

    def seconds(self) -> float:
        return self.read_ns() / 1e9

    def since_start_ns(self) -> int:
        """Monotonic clocks count from the start of the worker."""
        return self.read_ns() - EPOCH

    def since_start(self) -> float:
        return self.since_start_ns() / 1e9

    def sleep(self, seconds: float, real_sleep=time.sleep) -> None:
        real_sleep(seconds)
        self.now_ns += max(0, int(seconds * 1e9))


def fix_randomness(stream: ByteStream) -> None:
    """Every random source of ``os``, ``random`` (and what builds on it) reads ``stream``."""
    os.urandom = stream.read
    if hasattr(os, "getrandom"):
        os.getrandom = lambda size, flags=0: stream.read(size)
    random._urandom = stream.read  # type: ignore[attr-defined]  # SystemRandom, secrets, numpy
    unseeded = random.Random.seed

    def seed(self: random.Random, a: object = None, version: int = 2) -> None:
        if a is None:
            a = int.from_bytes(stream.read(32), "big")
        unseeded(self, a, version)  # type: ignore[arg-type]

    random.Random.seed = seed  # type: ignore[method-assign]
    random.seed = random._inst.seed  # type: ignore[attr-defined]  # bound at import: rebind
    random.seed(SEED)
    np.random.seed(SEED)  # noqa: NPY002 - the course's code draws from the legacy global generator


def fix_clocks(clock: VirtualClock) -> None:
    """``time``'s clocks, ``time.sleep`` and ``datetime``'s "now" read ``clock``."""
    for name in ("time", "process_time", "thread_time"):
        setattr(time, name, clock.seconds if name == "time" else clock.since_start)
        setattr(time, f"{name}_ns", clock.read_ns if name == "time" else clock.since_start_ns)
    for name in ("monotonic", "perf_counter"):
        setattr(time, name, clock.since_start)
        setattr(time, f"{name}_ns", clock.since_start_ns)
    time.sleep = clock.sleep  # type: ignore[assignment]

    class FixedDatetime(datetime.datetime):
        @classmethod
        def now(cls, tz: datetime.tzinfo | None = None) -> FixedDatetime:  # type: ignore[override]
            return cls.fromtimestamp(clock.seconds(), tz)

        @classmethod
        def utcnow(cls) -> FixedDatetime:  # type: ignore[override]
            return cls.now(datetime.UTC).replace(tzinfo=None)

        @classmethod
        def today(cls) -> FixedDatetime:  # type: ignore[override]
            return cls.now()

    class FixedDate(datetime.date):
        @classmethod
        def today(cls) -> FixedDate:  # type: ignore[override]
            return cls.fromtimestamp(clock.seconds())

    FixedDatetime.__name__ = FixedDatetime.__qualname__ = "datetime"
    FixedDate.__name__ = FixedDate.__qualname__ = "date"
    datetime.datetime, datetime.date = FixedDatetime, FixedDate  # type: ignore[misc]


def hash_randomization_is_off() -> bool:
    """Whether string hashes (and so the order of sets of strings) are fixed in this process."""
    return not sys.flags.hash_randomization


_STREAM = ByteStream(b"dls-grader worker entropy\0")
_CLOCK = VirtualClock()


def fix_per_grading() -> None:
    """Fix randomness and clocks for this worker process; call once, before any submission code."""
    fix_randomness(_STREAM)
    fix_clocks(_CLOCK)


def restart() -> None:
    """Every stream, generator and clock back where :func:`fix_per_grading` left it: what
    ran before (another exercise's checks) leaves no trace in what is drawn next."""
    _STREAM.block, _STREAM.buffer = 0, b""
    _CLOCK.now_ns = EPOCH
    random.seed(SEED)
    np.random.seed(SEED)  # noqa: NPY002 - the course's code draws from the legacy global generator
