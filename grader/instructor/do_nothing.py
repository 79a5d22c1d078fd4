r"""Do-nothing implementations: bodies that compute nothing must score nothing.

``grade validate`` builds, for every graded function, bodies that look like an answer and
compute nothing, and requires each to score exactly 0 in its exercise:

* ``echo``: the inputs handed back in the shape of the reference's return (the input
  dict where a dict of the same keys is returned, an input array of the same shape, a
  one-batch list where a list of batches is returned, ...);
* ``zeros``: the same, with every array and number replaced by zeros;
* ``ones``: the same, with ones (a constant that is not zero).

The shape of the reference's return is learnt by grading the reference once and keeping,
per function, the first call the checks made and the value that came back
(:func:`sample_calls`).  Because a function is judged on its own (its building blocks are
the reference's, :mod:`grader.boundary.blocks`), one submission in which *every* graded function is
replaced by its ``echo`` body tells each exercise's score at once: three gradings per
assignment, not three per function.

A do-nothing body that is genuinely right for a function (``d(theta x)/d(theta) = x``:
the echo of ``x`` *is* the derivative) is declared where its checks are written, in the
check module's ``RIGHT_BY_DOING_NOTHING = {"function/how": "the reason"}``.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from grader.assignments import Assignment
from grader.boundary.remote import RemoteSubmission, StudentError

HOWS = ("echo", "zeros", "ones")


@dataclass(frozen=True)
class SampleCall:
    """One call the checks made into the reference: its arguments and the value returned."""

    args: tuple
    kwargs: dict
    value: object


@contextlib.contextmanager
def sampling_calls() -> Iterator[dict[str, SampleCall]]:
    """While active, the first successful call of each function the judge makes is kept
    (judge-side, on plain decoded values; used on the reference only)."""
    samples: dict[str, SampleCall] = {}
    call_with, call_many = RemoteSubmission.call_with, RemoteSubmission.call_many

    def sampled_call_with(self: RemoteSubmission, name: str, blocks, args, kwargs):
        value = call_with(self, name, blocks, args, kwargs)
        samples.setdefault(name, SampleCall(tuple(args), dict(kwargs), value))
        return value

    def sampled_call_many(self: RemoteSubmission, name: str, calls, blocks=None):
        outcomes = call_many(self, name, calls, blocks)
        for args, outcome in zip(calls, outcomes, strict=True):
            if not isinstance(outcome, StudentError):
                samples.setdefault(name, SampleCall(tuple(args), {}, outcome))
                break
        return outcomes

    RemoteSubmission.call_with = sampled_call_with  # type: ignore[method-assign]
    RemoteSubmission.call_many = sampled_call_many  # type: ignore[method-assign]
    try:
        yield samples
    finally:
        RemoteSubmission.call_with = call_with  # type: ignore[method-assign]
        RemoteSubmission.call_many = call_many  # type: ignore[method-assign]


def sample_calls(assignment: Assignment) -> dict[str, SampleCall]:
    """The first call of each graded function when the reference is graded."""
    from grader.api import grade

    with sampling_calls() as samples:
        grade(assignment.name, assignment.reference_path, profile="student")
    return {name: samples[name] for name in assignment.exercises if name in samples}


def do_nothing_source(assignment: Assignment, samples: dict[str, SampleCall], how: str) -> str:
    """The reference module with every sampled graded function replaced by its ``how``
    body (appended, so each replaces the right one, as mutants do)."""
    return with_bodies(assignment, do_nothing_bodies(assignment, samples, how))


def do_nothing_bodies(assignment: Assignment, samples: dict[str, SampleCall], how: str) -> list[str]:
    """The ``how`` body of each sampled graded function, as source (a ``def``)."""
    signatures = _signatures(assignment)
    bodies = []
    for name, sample in samples.items():
        params = signatures[name]
        bound = _bind(params.args, sample)
        expression = _shaped_like(sample.value, bound, how)
        bodies.append(f"def {name}({ast.unparse(params)}):\n    return {expression}\n")
    return bodies


def with_bodies(assignment: Assignment, bodies: list[str]) -> str:
    """The reference module with ``bodies`` appended (each replaces the right function)."""
    return assignment.reference_path.read_text() + "\n\n# do-nothing bodies\n" + "\n\n".join(bodies)


def declared_right(assignment: Assignment) -> dict[str, str]:
    """``{"function/how": reason}``: do-nothing bodies declared right by the checks."""
    module = importlib.import_module(f"grader.checks.{assignment.checks.removesuffix('.py')}")
    return dict(getattr(module, "RIGHT_BY_DOING_NOTHING", {}))


# --------------------------------------------------------------------------- building a body


def _signatures(assignment: Assignment) -> dict[str, ast.arguments]:
    tree = ast.parse(assignment.reference_path.read_text())
    return {node.name: node.args for node in tree.body if isinstance(node, ast.FunctionDef)}


def _bind(params: list[ast.arg], sample: SampleCall) -> dict[str, object]:
    """``{parameter name: the value passed}`` for the sampled call."""
    names = [p.arg for p in params]
    bound = dict(zip(names, sample.args, strict=False))
    bound.update({k: v for k, v in sample.kwargs.items() if k in names})
    return bound


def _shaped_like(value: object, bound: dict[str, object], how: str) -> str:
    """A Python expression over the parameters that has ``value``'s shape and computes nothing."""
    found = _find(value, bound)
    if found is not None:
        return _filled(found, value, how)
    if type(value) is tuple:
        return "(" + "".join(_shaped_like(item, bound, how) + ", " for item in value) + ")"
    if type(value) is list:
        return "[" + (_shaped_like(value[0], bound, how) if value else "") + "]"
    if type(value) is dict:
        items = ", ".join(f"{k!r}: {_shaped_like(v, bound, how)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, np.ndarray):
        return f"np.{_FILL[how]}({value.shape!r})"
    if isinstance(value, bool | np.bool_):
        return "False"
    if isinstance(value, int | float | np.number):
        return _NUMBER[how]
    return "None"


_FILL = {"echo": "zeros", "zeros": "zeros", "ones": "ones"}
_NUMBER = {"echo": "0.0", "zeros": "0.0", "ones": "1.0"}


def _filled(path: str, value: object, how: str) -> str:
    """The input at ``path`` handed back (``echo``) or as zeros or ones of its shape."""
    if how == "echo":
        return path
    fill = _FILL[how]
    if isinstance(value, np.ndarray):
        return f"np.{fill}_like({path}, dtype=float)"
    if type(value) is dict:
        return f"{{k: np.{fill}_like(v, dtype=float) for k, v in {path}.items()}}"
    if isinstance(value, bool | np.bool_):
        return "False"
    return _NUMBER[how]


def _find(value: object, bound: dict[str, object]) -> str | None:
    """The path (``parameters['W1']``) of an input that looks like ``value``: a dict with the
    same keys, an array of the same shape, a number where a number is returned."""
    inputs = list(_inputs(bound))
    for alike in (_alike, _roughly_alike):
        for path, candidate in inputs:
            if alike(candidate, value):
                return path
    return None


def _inputs(bound: dict[str, object]) -> Iterator[tuple[str, object]]:
    stack = [(name, value, 0) for name, value in reversed(bound.items())]
    while stack:
        path, value, depth = stack.pop()
        yield path, value
        if type(value) is dict and depth < 2:
            stack.extend((f"{path}[{k!r}]", v, depth + 1) for k, v in reversed(value.items()))
        elif (type(value) is list or type(value) is tuple) and depth < 2:
            stack.extend((f"{path}[{i}]", v, depth + 1) for i, v in reversed(list(enumerate(value[:8]))))


def _roughly_alike(candidate: object, value: object) -> bool:
    """An array of the same rank and first dimension (the whole ``X`` for one mini-batch)."""
    return (
        isinstance(value, np.ndarray)
        and isinstance(candidate, np.ndarray)
        and candidate.ndim == value.ndim >= 1
        and candidate.shape[0] == value.shape[0]
    )


def _alike(candidate: object, value: object) -> bool:
    if type(value) is dict:
        return type(candidate) is dict and set(candidate) == set(value)
    if isinstance(value, np.ndarray):
        return isinstance(candidate, np.ndarray) and candidate.shape == value.shape
    if isinstance(value, bool | np.bool_):
        return False
    if isinstance(value, int | float | np.number):
        return isinstance(candidate, int | float | np.number) and not isinstance(candidate, bool)
    return False
