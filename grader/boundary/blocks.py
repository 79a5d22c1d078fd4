r"""Building blocks: a function is judged on its own.

When a graded function calls another graded function (``conv_forward`` calls ``zero_pad``
and ``conv_single_step``; ``rnn_forward`` calls ``rnn_cell_forward``), its checks run it with
the *reference's* blocks in place of the student's, so a wrong or unfinished block costs
points once, in its own exercise, and never excuses the function built on it.

The reference stays on the judge's side.  While the worker runs the composite, each block
it calls is a stand-in that sends its arguments across the wire (plain, validated data);
the judge answers with :func:`answer_block`, and the stand-in returns that answer.  Which
blocks an exercise builds on is declared once, with the assignment
(:attr:`grader.assignments.Assignment.blocks`); a check may put a judge-side function of its
own in a block's place (a deliberately wrong gradient for ``gradient_check``) with
:meth:`grader.judge.plugin.RemoteFunction.using`.

Bounds: the judge computes a block only on arguments of at most :data:`MAX_BLOCK_ELEMENTS`
array elements whose integers are at most :data:`MAX_BLOCK_INT` in size (a pad of 10**9
would otherwise make the judge allocate without limit); each answer counts against the
calling check's time limit, because the judge answers inside the same deadline.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping

import numpy as np

Blocks = Mapping[str, Callable[..., object]]

MAX_BLOCK_ELEMENTS = 4_000_000  # about 32 MB of float64 across a block's arguments
MAX_BLOCK_INT = 4096  # pads, strides, sizes: the course's are below 100


class BlockRefused(ValueError):
    """The arguments a stand-in sent are outside what the judge computes."""


def reference_blocks(reference_module: str, names: tuple[str, ...]) -> dict[str, Callable[..., object]]:
    """``{name: the reference's function}`` for each block, or ``{}`` where the reference is
    not installed (a student release ships no reference: its public checks then call the
    student's own blocks, and the instructor's grading is the one that counts)."""
    if not names:
        return {}
    try:
        module = importlib.import_module(f"reference.{reference_module.removesuffix('.py')}")
    except ImportError:
        return {}
    return {name: getattr(module, name) for name in names}


def answer_block(blocks: Blocks, request: dict) -> dict:
    """The judge's reply to a stand-in's ``{"op": "block", "name", "args", "kwargs"}``."""
    name, args, kwargs = request.get("name"), request.get("args"), request.get("kwargs")
    if type(name) is not str or (block := blocks.get(name)) is None:
        return _refusal(f"{str(name)[:80]} is not a building block of the function being graded")
    if type(args) is not list or type(kwargs) is not dict or any(type(k) is not str for k in kwargs):
        return _refusal(f"{name}: malformed arguments")
    try:
        check_bounds(name, [*args, *kwargs.values()])
        return {"ok": True, "value": block(*args, **kwargs)}
    except Exception as exc:  # the block's error goes back to the student's code
        return _refusal(f"{name}{_signature_note(exc)}: {type(exc).__name__}: {str(exc)[:500]}")


def check_bounds(name: str, values: list[object]) -> None:
    """Raise :class:`BlockRefused` if ``values`` exceed the judge's bounds for a block."""
    elements = 0
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value, np.ndarray):
            elements += value.size
            if value.dtype.kind in "iu" and value.size and np.abs(value).max() > MAX_BLOCK_INT:
                raise BlockRefused(f"an integer array argument exceeds {MAX_BLOCK_INT}")
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int | np.integer) and abs(int(value)) > MAX_BLOCK_INT:
            raise BlockRefused(f"the integer argument {int(value)} exceeds {MAX_BLOCK_INT}")
        elif isinstance(value, list | tuple):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        if elements > MAX_BLOCK_ELEMENTS:
            raise BlockRefused(f"its arguments hold more than {MAX_BLOCK_ELEMENTS} array elements")


def _signature_note(exc: Exception) -> str:
    return " was called with the wrong arguments" if isinstance(exc, TypeError) else " failed"


def _refusal(message: str) -> dict:
    return {"ok": False, "error": {"type": "BlockError", "message": message}}
