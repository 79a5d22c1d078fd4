r"""Tapes: the examples Hypothesis drew for the reference, replayed for every submission.

Grading is derandomized, so Hypothesis draws the same examples, in the same order, for
every submission that keeps passing; a failing one stops at its first failing example
(there is no shrinking).  Drawing is a third of the judge's work, so a batch draws once:
:class:`Recorder` grades the reference and keeps each property check's drawn arguments;
:class:`Player` then calls each check's body with them, in order, instead of asking
Hypothesis again.  A submission's score is the same either way: each check sees the same
inputs until its first failure, and the score depends only on which checks fail.

Tapes are made by the judge from Hypothesis and the reference; nothing a submission
produced is recorded.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator

import pytest

Tape = list[dict]  # the drawn keyword arguments of each example, in order


def _hypothesis(item: pytest.Function):  # noqa: ANN202
    return getattr(item.obj, "hypothesis", None)


def _fixtures(item: pytest.Function) -> dict:
    return {name: item.funcargs[name] for name in item._fixtureinfo.argnames}


def _self(item: pytest.Function) -> tuple:
    return () if item.instance is None else (item.instance,)


class Recorder:
    """A pytest plugin that records, per property check that passes, what Hypothesis drew."""

    def __init__(self) -> None:
        self.tapes: dict[str, Tape] = {}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Function) -> Iterator[None]:
        handle = _hypothesis(item)
        if handle is None:
            return (yield)
        inner, fixtures, tape = handle.inner_test, {"self", *item._fixtureinfo.argnames}, []

        @functools.wraps(inner)  # the same digest, so derandomized Hypothesis draws the same examples
        def recording(*args: object, **kwargs: object) -> object:
            tape.append(copy.deepcopy({k: v for k, v in kwargs.items() if k not in fixtures}))
            return inner(*args, **kwargs)

        handle.inner_test = recording
        try:
            result = yield  # raises if the check failed: then nothing is kept
        finally:
            handle.inner_test = inner
        self.tapes[item.nodeid] = tape
        return result


class Player:
    """A pytest plugin that runs each recorded check on its tape instead of through Hypothesis."""

    def __init__(self, tapes: dict[str, Tape]) -> None:
        self.tapes = tapes

    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function) -> bool | None:
        handle, tape = _hypothesis(pyfuncitem), self.tapes.get(pyfuncitem.nodeid)
        if handle is None or tape is None:
            return None  # pytest calls the check as usual
        fixtures = _fixtures(pyfuncitem)
        for drawn in tape:
            handle.inner_test(*_self(pyfuncitem), **fixtures, **copy.deepcopy(drawn))
        return True
