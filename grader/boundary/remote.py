r"""The judge's handle on a submission running in a worker process.

:class:`RemoteSubmission` starts the worker (see :mod:`grader.boundary.sandbox`), loads the
submission's units into it, and turns ``submission.call("f", *args)`` into a request frame
and the reply into a plain value (:func:`grader.boundary.worker.wire.decode` validates it).

Faults are contained per function:

* a call that outlives ``call_timeout`` kills the worker's process group; the function is
  then *tripped*: later calls to it fail at once without reaching the worker;
* a crash (the worker dies: segfault, ``os._exit``, memory) restarts the worker for the next
  call; ``MAX_CRASHES`` crashes trip the function;
* each function has a time ``budget`` for all its calls; once spent, its calls fail at
  once (a function that sleeps just under the timeout on every call costs only itself).
"""

from __future__ import annotations

import fcntl
import os
import secrets
import select
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field

from grader.boundary import sandbox
from grader.boundary.blocks import Blocks, answer_block
from grader.boundary.worker import wire

MAX_CRASHES = 3
LOAD_TIMEOUT = 5.0  # per unit (a statement; the worker has imported numpy before it reads)
#: Seconds for all the loading of one submission together: the first load, the restarts it
#: takes, and every reload after a crash in a call, worker start-up included.  A unit is sent
#: only while a whole LOAD_TIMEOUT is left, so loading stops between units with the worker
#: alive, and never takes longer than this.
LOAD_BUDGET = 20.0
RESTART_TIMEOUT = 2.0  # seconds for the worker to put its state back between exercises
#: Restarts of the worker while loading (each leaves out the unit that crashed or hung it);
#: after the last one, the units the load had not reached are left out too.
MAX_LOAD_RESTARTS = 10
PIPE_SIZE = 1 << 20  # Linux's default maximum; the default 64 KiB made a 14 MB array take ~110 ms


class StudentError(Exception):
    """A call into the submission did not return a value."""

    def __init__(self, function: str, message: str, kind: str = "error", where: str = "") -> None:
        super().__init__(message)
        self.function = function
        self.message = message
        self.kind = kind
        self.where = where


class StudentRaised(StudentError):
    """The student's function raised an exception (``kind`` is its type name)."""


class StudentFault(StudentError):
    """The worker timed out, crashed, or the function was tripped earlier."""


class _LoadFault(Exception):
    def __init__(self, index: int, text: str) -> None:
        super().__init__(text)
        self.index = index
        self.text = text


class _ReloadOutOfBudget(Exception):
    """A reload after a crash could not finish within what is left of :data:`LOAD_BUDGET`."""


@dataclass
class LoadSpending:
    """What loading one submission has used of :data:`LOAD_BUDGET` and
    :data:`MAX_LOAD_RESTARTS`, and what each unit that loaded took (``costs``, by index):
    a unit never loaded is sent only while its whole timeout *and* a replay of the others
    still fit, so a crash that forces a restart always leaves time to load them again."""

    seconds: float = 0.0
    restarts: int = 0
    costs: dict[int, float] = field(default_factory=dict)
    replay: float = 0.0  # sum of costs

    def deadline(self, now: float) -> float:
        """The monotonic time by which every load from ``now`` on must have ended."""
        return now + LOAD_BUDGET - self.seconds

    def affords(self, index: int, deadline: float) -> bool:
        """Whether unit ``index`` may be sent now (see the class docstring)."""
        left = deadline - time.monotonic()
        return left > 0 if index in self.costs else left >= LOAD_TIMEOUT + self.replay

    def loaded(self, index: int, seconds: float) -> None:
        if index not in self.costs:
            self.costs[index] = seconds
            self.replay += seconds

    def skipped_text(self) -> str:
        restarts = f", {self.restarts} restarts of the worker" if self.restarts else ""
        return (f"was skipped: loading the submission used up its budget of {LOAD_BUDGET:g} s"
                f"{restarts} (top-level statements that run long or crash); at top level, "
                "only import and define things")  # fmt: skip


@dataclass
class LoadReport:
    """What executing the submission produced: its own callables, the callables it has only
    imported (name -> module: a course helper bound to a graded name is not the student's
    work), and the units that failed (each error names its ``unit``: an index into the
    units, -1 for the prelude)."""

    functions: dict[str, list[str]] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    imported: dict[str, str] = field(default_factory=dict)

    def why_missing(self, name: str) -> str:
        """The sentence for a graded ``name`` that is not among :attr:`functions`."""
        if name in self.imported:
            return f"{name} is imported from {self.imported[name]}, not written in the submission"
        return f"{name} is not defined in the submission"

    def update(self, changes: LoadReport, unbound: list[str]) -> None:
        """Apply one load reply's changes (the worker lists only what changed)."""
        for name in [*unbound, *changes.functions, *changes.imported]:
            self.functions.pop(name, None)
            self.imported.pop(name, None)
        self.functions.update(changes.functions)
        self.imported.update(changes.imported)
        self.errors += changes.errors


class WorkerProcess:
    """One worker process, contained at ``level``, and the two pipes to it."""

    def __init__(self, limits: sandbox.Limits, level: str) -> None:
        self.uid = sandbox.new_worker_uid()  # None: the judge's own user (see sandbox.weaknesses)
        self.scratch = sandbox.prepare_scratch(self.uid)
        self.token = secrets.token_hex(16)
        to_worker_r, self._to_worker = os.pipe()
        self._from_worker, from_worker_w = os.pipe()
        for fd in (self._to_worker, from_worker_w):
            _widen_pipe(fd)
        nproc, uid = sandbox.process_limit(limits, self.uid), self.uid
        self.log_path = self.scratch / "worker.log"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(  # argv built by sandbox
                sandbox.worker_command(level, self.scratch, to_worker_r, from_worker_w, uid),
                cwd=self.scratch / "work",
                env=sandbox.worker_environment(self.scratch, self.token),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                pass_fds=(to_worker_r, from_worker_w),
                start_new_session=True,
                preexec_fn=lambda: sandbox.limit_resources(limits, nproc, uid),  # limits, then the user
            )
        os.close(to_worker_r)
        os.close(from_worker_w)
        self._readable, self._writable = select.poll(), select.poll()
        self._readable.register(self._from_worker, select.POLLIN)
        self._writable.register(self._to_worker, select.POLLOUT)

    def request(self, message: object, timeout: float, blocks: Blocks | None = None) -> object:
        """Send one frame and wait at most ``timeout`` seconds for the reply frame.

        While it waits, the worker may ask for the building blocks named in ``blocks``
        (see :mod:`grader.boundary.blocks`); each is answered here, within the same deadline.
        """
        deadline = time.monotonic() + timeout
        self._send(message, deadline)
        while True:
            reply = self._receive(deadline)
            if not _is_block_request(reply):
                return reply
            assert type(reply) is dict
            self._send(answer_block(blocks or {}, reply), deadline)

    def _send(self, message: object, deadline: float) -> None:
        for part in wire.frame_parts(message):
            data = memoryview(part)
            while data:
                self._wait(self._writable, deadline)
                data = data[os.write(self._to_worker, data[:PIPE_SIZE]) :]

    def _receive(self, deadline: float) -> object:
        length = wire.header_length(self._read(4, deadline))
        tree, sizes = wire.unpack_header(self._read(length, deadline))
        payload = self._read(sum(sizes), deadline)
        return wire.decode(tree, wire.split_buffers(payload, sizes))

    def _read(self, n: int, deadline: float) -> bytearray:
        """``n`` bytes from the worker, read straight into one buffer."""
        out = bytearray(n)
        view, done = memoryview(out), 0
        while done < n:
            self._wait(self._readable, deadline)
            got = os.readv(self._from_worker, [view[done:]])
            if not got:
                raise EOFError("worker closed the channel")
            done += got
        return out

    @staticmethod
    def _wait(poller: select.poll, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not poller.poll(remaining * 1000):
            raise TimeoutError

    def log_tail(self, limit: int = 600) -> str:
        try:
            return self.log_path.read_bytes()[-limit:].decode(errors="replace").strip()
        except OSError:
            return ""

    def kill(self) -> None:
        """Kill the worker and everything it started, then remove its scratch directory."""
        # Found first: once killed, an exiting process can no longer be told by its token.
        own = [*sandbox.processes_with(self.token, self.uid), *sandbox.children_of(self.process.pid)]
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        sandbox.kill_stragglers(self.token, self.uid, pids=own)  # what left the session or the pid namespace
        for fd in (self._to_worker, self._from_worker):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.scratch, ignore_errors=True)


class RemoteSubmission:
    """A submission loaded in a worker; calls into it return plain, validated values."""

    def __init__(
        self,
        units: list[dict],
        prelude: str = "",
        *,
        limits: sandbox.Limits | None = None,
        call_timeout: float = 5.0,
        budget: float = 20.0,
        level: str | None = None,
    ) -> None:
        self.units = units
        self.prelude = prelude
        self.limits = limits or sandbox.Limits()
        self.call_timeout = call_timeout
        self.budget = budget  # seconds of calls per function
        self._spent: dict[str, float] = {}
        self.sandbox_level = level or sandbox.choose_level()
        self._worker: WorkerProcess | None = None
        self._report: LoadReport | None = None
        self._loaded = False
        self._tripped: dict[str, str] = {}
        self._unloadable: dict[int, str] = {}
        self._spending = LoadSpending()  # of LOAD_BUDGET, by every load of this submission
        self._load_refusal = ""  # why the submission cannot be loaded again, once it cannot
        self._crashes: dict[str, int] = {}
        self.blocks: dict[str, Blocks] = {}  # function -> the building blocks answered judge-side

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> RemoteSubmission:
        """Spawn the worker now (it imports numpy while the judge gets ready)."""
        if self._worker is None:
            self._worker = WorkerProcess(self.limits, self.sandbox_level)
            self._loaded = False
        return self

    def restart(self) -> None:
        """Before another exercise: the loaded worker's namespace, randomness and clocks back
        as the load left them (the worker's ``restart`` op), so an exercise's result never
        depends on which exercises were graded before it, or whether any were.  A worker
        that does not answer within :data:`RESTART_TIMEOUT` is stopped: the next call
        starts a fresh one, which is the same state."""
        if self._worker is None or not self._loaded:
            return  # nothing ran yet, or the next call loads a fresh worker
        try:
            reply = self._worker.request({"op": "restart"}, RESTART_TIMEOUT)
        except (TimeoutError, EOFError, OSError, wire.WireError):
            reply = None
        if reply != {"ok": True}:
            self.close()

    def close(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._worker = None

    def __enter__(self) -> RemoteSubmission:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def report(self) -> LoadReport:
        """The outcome of loading the submission (loads it on first use)."""
        self._ensure_loaded()
        assert self._report is not None
        return self._report

    def _ensure_loaded(self) -> WorkerProcess:
        """A worker with the submission loaded, unit by unit.

        Each unit is its own request, so a unit that crashes or hangs the worker is known:
        it is left out (and reported) and the worker restarted with the others.  The
        first load's report is kept; reloads after a crash give the same one.

        Bound: all loading of the submission together (restarts and reloads included)
        takes at most :data:`LOAD_BUDGET` seconds, and after :data:`MAX_LOAD_RESTARTS`
        restarts no unit is tried that was not reached before.  When the first load runs
        out, the units it had not reached are left out (each costs what it defines) and the
        rest is graded; when a reload runs out, this and every later call fail with that
        reason, at once.
        """
        if self._load_refusal:
            raise StudentFault("the submission", self._load_refusal, "budget")
        while True:
            started = time.monotonic()
            worker = self.start()._worker
            assert worker is not None
            if self._loaded:
                return worker
            try:
                report = self._load_units(worker, self._spending.deadline(started))
            except _LoadFault as fault:
                self._leave_out(fault)
                self.close()
                continue
            except _ReloadOutOfBudget:
                self.close()
                self._load_refusal = "could not be loaded again after the worker crashed: " + (
                    self._spending.skipped_text().removeprefix("was skipped: ")
                )
                raise StudentFault("the submission", self._load_refusal, "budget") from None
            finally:
                self._spending.seconds += time.monotonic() - started
            self._loaded = True
            if self._report is None:
                self._report = report
            return worker

    def _leave_out(self, fault: _LoadFault) -> None:
        """Leave out the unit that crashed or hung the worker; after the last restart
        allowed, also every unit the load had not reached."""
        self._unloadable[fault.index] = fault.text
        self._spending.restarts += 1
        if self._spending.restarts >= MAX_LOAD_RESTARTS and self._report is None:
            for index in range(fault.index + 1, len(self.units)):
                self._unloadable.setdefault(index, self._spending.skipped_text())

    def _load_units(self, worker: WorkerProcess, deadline: float) -> LoadReport:
        """Load every unit not left out, each within :data:`LOAD_TIMEOUT` and ``deadline``
        (see :meth:`LoadSpending.affords`); the first load leaves out what the budget
        cannot afford, a reload that it cannot afford raises :class:`_ReloadOutOfBudget`."""
        report = LoadReport()
        spending = self._spending
        if self._report is not None and deadline - time.monotonic() < spending.replay:
            raise _ReloadOutOfBudget
        units = [{"filename": "<grader prelude>", "source": self.prelude}, *self.units]
        for index, unit in enumerate(units, start=-1):  # the prelude is unit -1
            if index not in self._unloadable and not spending.affords(index, deadline):
                if self._report is not None:
                    raise _ReloadOutOfBudget
                self._unloadable[index] = spending.skipped_text()
            if index in self._unloadable:
                report.errors.append({"unit": index, "filename": unit["filename"],
                                      "message": f"loading it {self._unloadable[index]}"})  # fmt: skip
                continue
            sent = time.monotonic()
            timeout = min(LOAD_TIMEOUT, deadline - sent)
            try:
                reply = worker.request({"op": "load", "units": [unit], "prelude": ""}, timeout)
            except (TimeoutError, EOFError, OSError, wire.WireError) as exc:
                raise _LoadFault(index, _fault_text(exc, worker, timeout)) from exc
            spending.loaded(index, time.monotonic() - sent)
            changes, unbound = _load_report(reply)
            changes.errors = [{**error, "unit": index} for error in changes.errors]
            report.update(changes, unbound)
        return report

    # -- calls ------------------------------------------------------------------------

    def call(self, name: str, *args: object, **kwargs: object) -> object:
        """Call ``name`` in the submission; raise :class:`StudentError` if no value comes back."""
        return self.call_with(name, self.blocks.get(name, {}), args, kwargs)

    def call_with(self, name: str, blocks: Blocks, args: tuple, kwargs: dict) -> object:
        """:meth:`call` with ``blocks`` (name -> judge-side function) answering the graded
        functions ``name`` builds on (see :mod:`grader.boundary.blocks`)."""
        message = {"op": "call", "name": name, "args": list(args), "kwargs": kwargs, "blocks": list(blocks)}
        return _value_or_raise(name, self._request(name, message, self.call_timeout, blocks))

    def call_many(self, name: str, calls: list[tuple], blocks: Blocks | None = None) -> list[object]:
        """Call ``name`` on each argument tuple in one round trip.

        Returns one entry per call: the value, or the :class:`StudentError` it raised (not
        raised here, so each error can be reported with its own input).  A timeout or crash
        of the worker raises at once: it belongs to the whole batch.  The batch may take
        ``call_timeout * (1 + len(calls) / 10)`` seconds.
        """
        blocks = self.blocks.get(name, {}) if blocks is None else blocks
        message = {"op": "map", "name": name, "calls": wire.Separate(list(args) for args in calls),
                   "blocks": list(blocks)}  # fmt: skip
        reply = self._request(name, message, self.call_timeout * (1 + len(calls) / 10), blocks)
        outcomes = reply.get("outcomes") if type(reply) is dict else None
        if type(outcomes) is not list or len(outcomes) != len(calls):
            raise StudentFault(name, "the worker sent a malformed reply", "crash")
        return [_value_or_error(name, outcome) for outcome in outcomes]

    def _request(self, name: str, message: dict, timeout: float, blocks: Blocks | None = None) -> object:
        if name in self._tripped:
            raise StudentFault(name, self._tripped[name], "tripped")
        left = self.budget - self._spent.get(name, 0.0)
        if left <= 0:
            raise StudentFault(
                name, f"used up its time budget of {self.budget:g} s; not called again", "budget"
            )
        worker = self._ensure_loaded()
        timeout = min(timeout, left)
        started = time.monotonic()
        try:
            return worker.request(message, timeout, blocks)
        except (TimeoutError, EOFError, OSError, wire.WireError) as exc:
            fault = self._fault(name, exc, worker, timeout)
            self.close()
            raise fault from exc
        finally:
            self._spent[name] = self._spent.get(name, 0.0) + time.monotonic() - started

    def _fault(self, name: str, exc: Exception, worker: WorkerProcess, timeout: float) -> StudentFault:
        text = _fault_text(exc, worker, timeout)
        if isinstance(exc, TimeoutError):
            self._tripped[name] = f"{text} (earlier call; not called again)"
            return StudentFault(name, text, "timeout")
        self._crashes[name] = self._crashes.get(name, 0) + 1
        if self._crashes[name] >= MAX_CRASHES:
            self._tripped[name] = f"{text} ({MAX_CRASHES} times; not called again)"
        return StudentFault(name, text, "crash")


def _is_block_request(reply: object) -> bool:
    return type(reply) is dict and reply.get("op") == "block"


def _widen_pipe(fd: int) -> None:
    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    except (OSError, AttributeError):  # not Linux, or over /proc/sys/fs/pipe-max-size
        pass


def _fault_text(exc: Exception, worker: WorkerProcess, timeout: float) -> str:
    if isinstance(exc, TimeoutError):
        return f"did not return within {timeout:.1f} s"
    if isinstance(exc, wire.WireError):
        return f"returned something that cannot be graded: {exc}"
    try:
        code = worker.process.wait(timeout=1.0)
    except subprocess.TimeoutExpired:
        code = None
    reason = _exit_reason(code)
    tail = worker.log_tail()
    return f"crashed the worker ({reason})" + (f": {tail.splitlines()[-1]}" if tail else "")


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "closed its channel"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def _load_report(reply: object) -> tuple[LoadReport, list[str]]:
    """One load reply's changes, and the names it says are no longer callable."""
    if type(reply) is not dict or type(reply.get("functions")) is not dict:
        raise wire.WireError("malformed load reply")
    functions = {
        str(name): [str(p) for p in params] if type(params) is list else []
        for name, params in reply["functions"].items()
    }
    imported = reply.get("imported")
    imported = {str(n): str(m)[:100] for n, m in imported.items()} if type(imported) is dict else {}
    unbound = reply.get("unbound")
    errors = [e for e in reply.get("errors", []) if type(e) is dict]
    return LoadReport(functions, errors, imported), [str(n) for n in unbound] if type(unbound) is list else []


def _value_or_raise(name: str, reply: object) -> object:
    outcome = _value_or_error(name, reply)
    if isinstance(outcome, StudentError):
        raise outcome
    return outcome


def _value_or_error(name: str, reply: object) -> object:
    """The value of one call's answer, or the :class:`StudentError` it stands for."""
    if type(reply) is not dict or type(reply.get("ok")) is not bool:
        return StudentFault(name, "the worker sent a malformed reply", "crash")
    if reply["ok"]:
        return reply.get("value")
    error = reply.get("error")
    if type(error) is not dict:
        error = {}
    kind = str(error.get("type", "Exception"))[:100]
    message = str(error.get("message", ""))[:2000]
    where = str(error.get("where", ""))[:500]
    return StudentRaised(name, message, kind, where)
