r"""Tapes: the examples Hypothesis drew for one salt, replayed for a submission of that salt.

Grading is deterministic, so Hypothesis draws the same examples, in the same order, for
every grading whose checks are seeded alike and keep passing; a failing one stops at its
first failing example (there is no shrinking).  :class:`Recorder` keeps each passing
property check's drawn arguments together with the seed they were drawn with;
:class:`Player` then calls a check's body with them, in order, instead of asking
Hypothesis again, when the check's seed now is the recorded one.  A submission's score is
the same either way: each check sees the same inputs until its first failure, and the
score depends only on which checks fail.

Each check's seed comes from the submission's own text (:mod:`grader.judge.salt`: a table of
answers learnt from feedback is worthless), so a tape applies to submissions with the
same text (and the same secret) only; for any other, Hypothesis draws the submission's own
inputs.  Replaying another salt's tape would hand every submission the recorded inputs.

Tapes are made by the judge from Hypothesis and the reference; nothing a submission
produced is recorded.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator

import pytest

from grader.judge.salt import seed_of


class Tape(list[dict]):
    """The drawn keyword arguments of each example, in order, and the seed they were drawn
    with (``None``: the seed derandomized Hypothesis derives from the check's code)."""

    def __init__(self, seed: int | None) -> None:
        super().__init__()
        self.seed = seed


def _hypothesis(item: pytest.Function):
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
        inner, fixtures = handle.inner_test, {"self", *item._fixtureinfo.argnames}
        tape = Tape(seed=seed_of(item))  # set by grader.judge.salt.Salting, which runs first

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
    """A pytest plugin that runs each recorded check on its tape instead of through
    Hypothesis, when the check's seed is the one the tape was drawn with."""

    def __init__(self, tapes: dict[str, Tape]) -> None:
        self.tapes = tapes

    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function) -> bool | None:
        handle, tape = _hypothesis(pyfuncitem), self.tapes.get(pyfuncitem.nodeid)
        if handle is None or tape is None or tape.seed != seed_of(pyfuncitem):
            return None  # pytest calls the check as usual: Hypothesis draws
        fixtures = _fixtures(pyfuncitem)
        for drawn in tape:
            handle.inner_test(*_self(pyfuncitem), **fixtures, **copy.deepcopy(drawn))
        return True
