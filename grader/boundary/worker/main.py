r"""The untrusted worker: executes one submission and answers calls into it.

Started by :mod:`grader.boundary.sandbox` as ``python -I main.py READ_FD WRITE_FD``, with this
directory (``main.py``, ``wire.py``) as its only import path besides the shims and the
course helper modules.  It speaks :mod:`wire` frames on the two descriptors:

* ``{"op": "load", "units": [{"filename", "source"}...], "prelude": str}`` executes each unit
  in one shared namespace and answers ``{"functions": {name: [param names]}, "errors": [...]}``;
* ``{"op": "call", "name": str, "args": [...], "kwargs": {...}}`` answers
  ``{"ok": True, "value": ...}`` or ``{"ok": False, "error": {...}}``;
* ``{"op": "map", "name": str, "calls": [[args...], ...]}`` makes several calls in one
  round trip and answers ``{"ok": True, "outcomes": [<call answer>, ...]}``;
* ``{"op": "restart"}`` puts the namespace back as the last load left it (its names bound
  to what they were then) and randomness and clocks back to their start
  (:func:`entropy.restart`): the judge sends it before each exercise's checks, so what one
  exercise's calls did (a rebound global, numbers drawn) never reaches another's;
* a ``call`` or ``map`` may name ``"blocks"``: graded functions the called one builds on.
  While it runs, each block is a stand-in that sends ``{"op": "block", "name", "args",
  "kwargs"}`` to the judge and returns its answer, so a function is judged with the
  reference's building blocks without any reference code in this process.

Nothing the submission prints reaches the judge: file descriptors 0-2 point at
``/dev/null`` or the scratch log, and ``sys.stdout`` is a small capped buffer.
"""

from __future__ import annotations

import ast
import importlib.abc
import importlib.machinery
import io
import linecache
import os
import sys
import traceback
import types

# Isolated mode (-I) leaves the script's own folder off sys.path: the launcher names the
# folders this process may import from (this one, the shims, the course helpers).
WORKER_PATH = [p for p in os.environ.get("DLS_WORKER_PATH", "").split(os.pathsep) if p]
sys.path[:0] = WORKER_PATH
import course_numpy  # noqa: E402
import entropy  # noqa: E402
import wire  # noqa: E402

MAX_MESSAGE = 2000
MAX_PRINTED = 64 * 1024


class CappedText(io.TextIOBase):
    """A text stream that keeps the first ``MAX_PRINTED`` characters and drops the rest."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        if self.size < MAX_PRINTED:
            self.parts.append(str(s)[: MAX_PRINTED - self.size])
            self.size += len(self.parts[-1])
        return len(s)


class MissingModule(types.ModuleType):
    """Stands for a module the grader does not have (matplotlib, sklearn, tensorflow...).

    Importing it succeeds, so an import cell does not break grading; using it fails with a
    sentence that says why.
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__path__: list[str] = []

    def __getattr__(self, attr: str) -> object:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return MissingThing(f"{self.__name__}.{attr}")


class MissingThing:
    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> MissingThing:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return MissingThing(f"{self._name}.{attr}")

    def __call__(self, *args: object, **kwargs: object) -> object:
        root = self._name.split(".")[0]
        raise ModuleNotFoundError(
            f"{self._name}: the module {root!r} is not available in the grader; "
            "graded functions may use numpy and the course helpers only"
        )


class MissingModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """First on ``sys.meta_path`` while a submission loads: the standard library (with its
    private ``_modules``, such as ``_sysconfigdata_*``), numpy and the folders of
    :data:`WORKER_PATH` (shims, course helpers) import as usual; anything
    else is a :class:`MissingModule`, even where it is installed (matplotlib, for the
    instructor's reports, would otherwise spend a second looking for fonts)."""

    def find_spec(self, fullname, path=None, target=None):
        root = fullname.partition(".")[0]
        if (
            root in ALLOWED_ROOTS
            or root in sys.stdlib_module_names
            or root.startswith("_")
            or _on_worker_path(root)
        ):
            return None  # the usual finders import it
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        return MissingModule(spec.name)

    def exec_module(self, module):
        pass


ALLOWED_ROOTS = {"numpy", "wire", "__main__"}


def _on_worker_path(root: str) -> bool:
    return importlib.machinery.PathFinder.find_spec(root, WORKER_PATH) is not None


def describe_exception(exc: BaseException) -> dict:
    """Plain data about an exception raised by submission code."""
    frames = [
        f"{f.filename}, line {f.lineno}, in {f.name}"
        for f in traceback.extract_tb(exc.__traceback__)
        if not f.filename.endswith(("main.py", "wire.py", "course_numpy.py"))
    ]
    where = frames[-1] if frames else ""
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return {
        "type": type(exc).__name__,
        "message": text[:MAX_MESSAGE],
        "where": where[:MAX_MESSAGE],
        "traceback": frames[-8:],
    }


PRELUDE = "<grader prelude>"
MAX_WRAPPERS = 8  # __wrapped__ / .func links followed to find a callable's code
#: The filenames of the units the judge sent (the prelude is the grader's, not the student's).
OWN_FILES: set[str] = set()
#: What the last load reply said of each name, so the next one lists only changes.
LISTED: dict[str, object] = {}


def load(namespace: dict, units: list, prelude: str) -> dict:
    """Execute the submission's units in ``namespace``; report what failed, unit by unit.

    Each unit is ``{"filename", "source", "line"}``: ``source`` is compiled as if it
    started at line ``line`` of ``filename`` (1 when absent).  The reply lists what changed
    in ``namespace`` since the previous reply of this process (the first lists all):
    ``functions`` (name -> parameter names) holds only callables whose code comes from the
    submission's own units; ``imported`` (name -> module) the other callables, which a
    submission cannot offer as its own work (a course helper imported under a graded
    name); ``unbound`` the names that are no longer callable.  Linear in the units' size
    plus the namespace's, per request.
    """
    errors = []
    finder = MissingModuleFinder()
    sys.meta_path.insert(0, finder)
    try:
        for unit in [{"filename": PRELUDE, "source": prelude}, *units]:
            filename, source = str(unit["filename"]), str(unit["source"])
            line = unit.get("line", 1) if type(unit.get("line", 1)) is int else 1
            if filename != PRELUDE:
                OWN_FILES.add(filename)
            _remember_lines(filename, max(line, 1), source)
            try:
                exec(_compiled(source, filename, max(line, 1)), namespace)
            except BaseException as exc:  # the submission may raise anything
                errors.append({"filename": filename, **describe_exception(exc)})
    finally:
        sys.meta_path.remove(finder)
    return {**_changed_callables(namespace), "errors": errors}


def _compiled(source: str, filename: str, line: int) -> types.CodeType:
    """``source`` compiled as lines ``line``... of ``filename``, without padding it."""
    if line == 1:
        return compile(source, filename, "exec")
    tree = ast.parse(source, filename)
    ast.increment_lineno(tree, line - 1)
    return compile(tree, filename, "exec")


def _remember_lines(filename: str, line: int, source: str) -> None:
    """Put ``source`` at lines ``line``... of ``filename`` in :mod:`linecache`, beside the
    file's other units (amortised linear: the list only grows)."""
    entry = linecache.cache.get(filename)
    lines = entry[2] if isinstance(entry, tuple) and len(entry) == 4 and type(entry[2]) is list else []
    new = source.splitlines(True)
    end = line - 1 + len(new)
    if len(lines) < end:
        lines.extend("\n" for _ in range(end - len(lines)))
    lines[line - 1 : end] = new  # in place: the list is the file's, shared by its units
    linecache.cache[filename] = (0, None, lines, filename)  # no mtime: never re-read


def _changed_callables(namespace: dict) -> dict:
    """``functions``, ``imported`` and ``unbound`` since the last reply (see :func:`load`).

    One pass over the namespace at C speed finds the names bound anew; only those are
    looked at (a namespace of 2,000 names costs ~0.1 ms per unit)."""
    changed = [(k, v) for k, v in namespace.items() if LISTED.get(k, _ABSENT) is not v]
    LISTED.update(changed)
    gone = [n for n in LISTED if n not in namespace] if len(LISTED) != len(namespace) else []
    for name in gone:
        del LISTED[name]
    functions, imported, unbound = {}, {}, list(gone)
    for name, obj in changed:
        if name.startswith("__"):
            continue
        if not callable(obj):
            unbound.append(name)
        elif _is_own(obj, namespace):
            functions[name] = _parameter_names(obj)
        else:
            imported[name] = _module_of(obj)
    return {"functions": functions, "imported": imported, "unbound": unbound}


def _is_own(obj: object, namespace: dict) -> bool:
    """Whether the callable ``obj`` is the submission's own code: its code object (through
    ``functools.wraps`` and ``partial`` links) was compiled from one of the units; a class
    counts when it was defined in the submission's namespace."""
    for _ in range(MAX_WRAPPERS):
        if isinstance(obj, type):
            return vars(obj).get("__module__") == namespace.get("__name__")
        code = getattr(obj, "__code__", None)
        if isinstance(code, types.CodeType):
            return code.co_filename in OWN_FILES
        obj = getattr(obj, "__wrapped__", None) or getattr(obj, "func", None)
        if obj is None:
            return False
    return False


def _module_of(obj: object) -> str:
    module = getattr(obj, "__module__", None)
    return module[:100] if type(module) is str else type(obj).__module__[:100]


def _parameter_names(func: object) -> list[str]:
    code = getattr(func, "__code__", None)
    if not isinstance(code, types.CodeType):
        return []
    return list(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])


class JudgeChannel:
    """The worker's end of the two descriptors, so a stand-in can ask the judge mid-call."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self.read_fd = read_fd
        self.write_fd = write_fd

    def ask(self, name: str, args: tuple, kwargs: dict) -> object:
        """The judge's answer for the building block ``name`` on these arguments."""
        try:
            wire.write_frame(
                self.write_fd, {"op": "block", "name": name, "args": list(args), "kwargs": kwargs}
            )
        except wire.WireError as exc:
            raise TypeError(f"{name} was called with arguments the grader cannot take: {exc}") from None
        reply = wire.read_frame_blocking(self.read_fd)
        if type(reply) is dict and reply.get("ok") is True:
            return reply.get("value")
        error = reply.get("error") if type(reply) is dict else None
        if type(error) is not dict:
            error = {}
        raise BlockError(str(error.get("message", f"{name} failed")))


class BlockError(Exception):
    """The grader's version of a building block refused the arguments it was given."""


def stand_in(channel: JudgeChannel, name: str) -> types.FunctionType:
    """A function called ``name`` whose every call is answered by the judge."""

    def block(*args: object, **kwargs: object) -> object:
        return channel.ask(name, args, kwargs)

    block.__name__ = block.__qualname__ = name
    return block  # type: ignore[return-value]


def call(namespace: dict, name: str, args: list, kwargs: dict, blocks: dict | None = None) -> dict:
    """Call the submission's ``name``; the graded functions it builds on (``blocks``: name
    -> stand-in) are swapped in for the submission's own while it runs."""
    func = namespace.get(name)
    if not callable(func):
        return {"ok": False, "error": {"type": "Missing", "message": f"{name} is not defined"}}
    own = {block: namespace.get(block, _ABSENT) for block in blocks or {}}
    namespace.update(blocks or {})
    try:
        value = func(*args, **kwargs)
    except BaseException as exc:  # SystemExit and KeyboardInterrupt included
        return {"ok": False, "error": describe_exception(exc)}
    finally:
        for block, previous in own.items():
            if previous is _ABSENT:
                namespace.pop(block, None)
            else:
                namespace[block] = previous
    return {"ok": True, "value": value}


_ABSENT = object()


def serve(read_fd: int, write_fd: int) -> None:
    namespace: dict = {"__name__": "submission", "__builtins__": __builtins__}
    course_numpy.install(namespace)  # numpy 1.x idioms of the course notebooks
    channel = JudgeChannel(read_fd, write_fd)
    loaded = dict(namespace)
    server = os.getpid()  # a child the submission forked never answers for the worker
    while True:
        try:
            request = wire.read_frame_blocking(read_fd)
        except EOFError:
            return
        op = request.get("op") if type(request) is dict else None
        blocks = {str(b): stand_in(channel, str(b)) for b in request.get("blocks", ())} if op else {}
        if op == "load":
            reply = load(namespace, request["units"], request.get("prelude", ""))
            loaded = dict(namespace)
        elif op == "restart":
            namespace.clear()
            namespace.update(loaded)
            entropy.restart()
            reply = {"ok": True}
        elif op == "call":
            reply = call(namespace, request["name"], request["args"], request["kwargs"], blocks)
        elif op == "map":
            outcomes = [call(namespace, request["name"], args, {}, blocks) for args in request["calls"]]
            reply = {"ok": True, "outcomes": outcomes}
        else:
            reply = {"ok": False, "error": {"type": "Protocol", "message": f"bad op {op!r}"}}
        if os.getpid() != server:  # the call returned in a forked child (a fork that failed in it)
            os._exit(0)
        try:
            wire.write_frame(write_fd, reply)
        except wire.WireError as exc:
            error = {"type": "WireError", "message": f"the return value cannot be graded: {exc}"}
            wire.write_frame(write_fd, {"ok": False, "error": error})


def main() -> None:
    read_fd, write_fd = int(sys.argv[1]), int(sys.argv[2])
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    sys.stdout = sys.stderr = CappedText()
    entropy.fix_per_grading()  # randomness and clocks the same in every grading
    serve(read_fd, write_fd)


if __name__ == "__main__":
    main()
