r"""Course 2 week 3's checks of hyperparameter search (:mod:`grader.checks.week3`): sampling
learning rates and betas on the right scale, and coarse to fine."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given

from grader.checks import week3_mistakes as mistakes
from grader.checks.week3_expect import (
    expect_betas,
    expect_floats,
    expect_learning_rates,
    expect_log_uniform,
    expect_tight_box,
)
from grader.checks.week3_inputs import (
    beta_cases,
    lr_cases,
    trial_cases,
    worked_examples,
)
from grader.judge.compare import on
from grader.judge.exercises import Exercise
from grader.judge.judging import judged
from grader.judge.strategies import batches
from reference import tuning as ref

SAMPLE_LEARNING_RATE = Exercise("sample_learning_rate", ref.sample_learning_rate, returns="learning_rates",
                                mistakes=mistakes.SAMPLE_LEARNING_RATE)  # fmt: skip
SAMPLE_BETA = Exercise("sample_beta", ref.sample_beta, returns="betas", mistakes=mistakes.SAMPLE_BETA)
COARSE_TO_FINE = Exercise("coarse_to_fine", ref.coarse_to_fine, returns="box",
                          mistakes=mistakes.COARSE_TO_FINE)  # fmt: skip


# --------------------------------------------------------------------------- sampling


@pytest.mark.exercise("sample_learning_rate")
class CheckSampleLearningRate:
    @pytest.mark.points(2)
    @pytest.mark.hint(
        "r = rng.uniform(low, high, size=num) is the exponent; return 10 ** r, an array of num rates"
    )
    @given(batch=batches(lr_cases()))
    def check_within_range(self, student, batch):
        for case, got in judged(student.sample_learning_rate, batch):
            with on(case.description):
                num, _, low, high = case.args
                expect_learning_rates(got, num, low, high)

    @pytest.mark.points(3)
    @pytest.mark.hint("sample the exponent uniformly, not the rate: each decade should get the same share")
    @given(batch=batches(lr_cases()))
    def check_log10_is_uniform(self, student, batch):
        for case, got in judged(student.sample_learning_rate, batch):
            with on(case.description):
                num, _, low, high = case.args
                rates = expect_floats(got, (num,), "learning_rates")
                with np.errstate(divide="ignore", invalid="ignore"):
                    expect_log_uniform(np.log10(rates), low, high, "np.log10(learning_rates)")

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "draw with exactly one call rng.uniform(low, high, size=num) on the rng you are given "
        "(never np.random.*), so the same seed gives the same rates"
    )
    @given(batch=batches(lr_cases()))
    def check_same_seed_same_draws(self, student, batch):
        SAMPLE_LEARNING_RATE.like_reference(student, batch)


@pytest.mark.exercise("sample_beta")
class CheckSampleBeta:
    @pytest.mark.points(2)
    @pytest.mark.hint("beta = 1 - 10 ** r with r between np.log10(1 - high) and np.log10(1 - low)")
    @given(batch=batches(beta_cases()))
    def check_within_range(self, student, batch):
        for case, got in judged(student.sample_beta, batch):
            with on(case.description):
                num, _, low, high = case.args
                expect_betas(got, num, low, high)

    @pytest.mark.points(3)
    @pytest.mark.hint("sample 1 - beta on a log scale: beta = 1 - 10 ** r with r uniform, not beta uniform")
    @given(batch=batches(beta_cases()))
    def check_log10_of_one_minus_beta_is_uniform(self, student, batch):
        for case, got in judged(student.sample_beta, batch):
            with on(case.description):
                num, _, low, high = case.args
                betas = expect_floats(got, (num,), "betas")
                with np.errstate(divide="ignore", invalid="ignore"):
                    expect_log_uniform(
                        np.log10(1 - betas), math.log10(1 - high), math.log10(1 - low), "np.log10(1 - betas)"
                    )

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "draw with exactly one call rng.uniform(np.log10(1 - high), np.log10(1 - low), size=num)"
    )
    @given(batch=batches(beta_cases()))
    def check_same_seed_same_draws(self, student, batch):
        SAMPLE_BETA.like_reference(student, batch)


# --------------------------------------------------------------------------- coarse to fine


@pytest.mark.exercise("coarse_to_fine")
class CheckCoarseToFine:
    @pytest.mark.points(3)
    @pytest.mark.hint("keep the ceil(top_fraction * k) trials of highest score, then min and max per column")
    @given(batch=batches(trial_cases()))
    def check_matches_reference(self, student, batch):
        COARSE_TO_FINE.like_reference(student, batch)

    @pytest.mark.points(3)
    @pytest.mark.hint(
        "the box is the smallest one holding every kept trial: its bounds are their min and max"
    )
    @given(batch=batches(trial_cases()))
    def check_box_is_tight_around_the_best_trials(self, student, batch):
        for case, got in judged(student.coarse_to_fine, batch):
            with on(case.description):
                expect_tight_box(got, *case.args)

    @pytest.mark.points(2)
    @pytest.mark.hint(
        "on log-scaled dimensions return np.log10 of the bounds; keep math.ceil(top_fraction * k) trials"
    )
    def check_worked_examples(self, student):
        COARSE_TO_FINE.like_reference(student, worked_examples())
