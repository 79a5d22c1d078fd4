r"""Inputs drawn for each submission: a table of answers learnt from feedback is worthless.

Feedback names the input a check failed on, exactly.  Were the inputs the same for every
submission, 81 gradings could fish every input of a check out of the messages and a
lookup table would then pass it, for anyone.  So what Hypothesis draws depends on the
submission itself:

* the **salt** of a submission is the SHA-256 of exactly the source text the worker
  executes (the text of its units, in order; not the file's name, so a renamed file keeps
  its inputs), with the instructor's secret (:data:`SECRET_VARIABLE`, optional) in front;
* each property check is seeded with ``SHA-256(salt, check id)`` (:func:`check_seed`), in
  place of the seed derandomized Hypothesis derives from the check's code alone.

The argument: the same submission has the same salt, so the same inputs and the same score
(grading stays deterministic), provided the seed is all the draws depend on.  Hypothesis
(since 6.13x) also draws, one time in twenty, from literal constants it mines from every
module in ``sys.modules`` that is not installed in site-packages: the grader's own modules
in a checkout or an editable install, none in a wheel (Gradescope's), more in a batch's judge
(the instructor's modules) than in ``grade``'s, and different ones after any edit of the
grader's source.  :func:`seed_alone` switches that off for a grading, so the inputs are
those of the seed in every install and context.  A table answers the inputs someone has *seen*; adding it
changes the text, hence the salt, hence the inputs of every example after the first (the
first is Hypothesis's simplest, the same for every seed, and one example of a batch of
inputs is never all of a check).  To pass with a table, a submission would have to
contain the answers to inputs that are a function of its own SHA-256: finding one is
as hard as inverting the hash, and without the secret the inputs of a new text cannot even
be computed away from the grader.  Code that computes the right answers passes for every
salt.  The fixed Coursera cases are public anyway and stay as they are.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator, Sequence

import pytest
from hypothesis.internal.conjecture import providers

#: What Hypothesis draws its "local" constants from during a grading: nothing.
NO_LOCAL_CONSTANTS = providers.Constants()


@contextlib.contextmanager
def seed_alone() -> Iterator[None]:
    """Hypothesis's draws depend on the seed alone while this lasts: no constants mined from
    the modules loaded (its cache of allowed constants is emptied on the way in and out)."""
    mined = providers._get_local_constants
    providers._get_local_constants = lambda: NO_LOCAL_CONSTANTS
    providers.CONSTANTS_CACHE.cache.clear()
    try:
        yield
    finally:
        providers._get_local_constants = mined
        providers.CONSTANTS_CACHE.cache.clear()


#: The instructor's secret, mixed into every salt when set (in the judge's environment only:
#: the worker's environment is built from scratch and never holds it).
SECRET_VARIABLE = "DLS_GRADER_SECRET"


def submission_salt(units: Sequence[dict], secret: str | None = None) -> bytes:
    """The salt of the units a worker executes: 32 bytes, equal exactly when the units'
    sources (``unit["source"]``, in order) and the secret are equal."""
    secret = os.environ.get(SECRET_VARIABLE, "") if secret is None else secret
    digest = hashlib.sha256(b"dls-grader salt v1\0")
    for part in (secret, *(unit["source"] for unit in units)):
        encoded = str(part).encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)  # length-prefixed: unambiguous
    return digest.digest()


def check_seed(salt: bytes, check: str) -> int:
    """The Hypothesis seed of the property check ``check`` (its node id) for ``salt``."""
    return int.from_bytes(hashlib.sha256(salt + b"\0" + check.encode("utf-8")).digest()[:16], "big")


class Salting:
    """A pytest plugin that seeds each property check from the submission's salt.

    It sets the seed ``hypothesis.seed`` sets (``_hypothesis_internal_use_seed``, which wins
    over ``derandomize``) for the duration of the check and restores it after, so a check
    module imported once serves many gradings with their own seeds.
    """

    def __init__(self, salt: bytes) -> None:
        self.salt = salt

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Function) -> Iterator[None]:
        test = getattr(item, "function", None)
        if getattr(test, "hypothesis", None) is None:
            return (yield)
        previous = test._hypothesis_internal_use_seed  # type: ignore[union-attr]
        test._hypothesis_internal_use_seed = check_seed(self.salt, item.nodeid)  # type: ignore[union-attr]
        # Grading reads no example database, so the key Hypothesis would otherwise derive
        # from the check's source (tokenized anew at every run: 1-2 ms a check) is never used.
        test._hypothesis_internal_database_key = None  # type: ignore[union-attr]
        try:
            return (yield)
        finally:
            test._hypothesis_internal_use_seed = previous  # type: ignore[union-attr]


def seed_of(item: pytest.Function) -> int | None:
    """The seed Hypothesis will use for ``item`` now (``None``: derived from its code)."""
    return getattr(getattr(item, "function", None), "_hypothesis_internal_use_seed", None)
