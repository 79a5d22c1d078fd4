"""Facts about the Coursera notebooks: their official fixed cases and expected values.

Each ``*_cases`` module builds the official call of an exercise as the notebook of one
generation makes it: ``<function>_case(generation)`` returns a dict whose ``"calls"`` are
the argument tuples the notebook passes (``"args"`` is the first), and raises
``ValueError`` for a generation in which the exercise did not exist.
:func:`official_calls` reads every generation's calls the same way for every check module,
and :func:`official_cases` makes them the checks' described cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType

import numpy as np

from grader.judge.strategies import Case


def official_calls(
    cases: ModuleType, function: str, generations: Sequence[str], distinct: bool = False
) -> list[tuple[str, tuple]]:
    """``(generation, args)`` of every official call of ``function`` in ``cases``, generation
    by generation in the order of ``generations``, skipping those in which the exercise did
    not exist; with ``distinct``, a call equal to an earlier one (:func:`same_args`) is left
    out (the generations share most cases: grade each input once)."""
    builder = getattr(cases, f"{function}_case")
    found: list[tuple[str, tuple]] = []
    for generation in generations:
        try:
            case = builder(generation)
        except ValueError:  # the exercise did not exist in that generation
            continue
        for args in case["calls"]:
            if distinct and any(same_args(args, other) for _, other in found):
                continue
            found.append((generation, args))
    return found


def the_coursera_case(generation: str, args: tuple) -> str:
    """How an official case is described by default: "the Coursera 2021a test case"."""
    return f"the Coursera {generation} test case"


def official_cases(
    cases: ModuleType,
    function: str,
    generations: Sequence[str],
    describe: Callable[[str, tuple], str] = the_coursera_case,
    distinct: bool = False,
) -> list[Case]:
    """:func:`official_calls` as cases, each described by ``describe(generation, args)``."""
    return [Case(args, describe(generation, args))
            for generation, args in official_calls(cases, function, generations, distinct)]  # fmt: skip


def same_args(a: tuple, b: tuple) -> bool:
    """Whether two calls pass equal arguments: arrays, dicts of arrays and plain values."""
    return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))


def same_value(x: object, y: object) -> bool:
    if isinstance(x, np.ndarray):
        return isinstance(y, np.ndarray) and bool(np.array_equal(x, y))
    if isinstance(x, dict):
        return isinstance(y, dict) and x.keys() == y.keys() and all(np.array_equal(x[k], y[k]) for k in x)
    return bool(x == y)
