"""Every known mistake the judge recognises really differs from the reference.

A Mistake whose result equalled the reference's would name a mistake on correct work.
"""

import copy

import numpy as np
import pytest

from grader.checks import week2_mistakes as mistakes
from grader.judge.compare import CheckFailed, expect_same
from grader.judge.strategies import make_network
from reference import optimization as ref

NET = make_network((3, 4, 2), seed=7, extra_grads=True)
ARGUMENTS = {
    "GRADIENT_DESCENT": (ref.update_parameters_with_gd, (NET.parameters, NET.grads, 0.1)),
    "MOMENTUM": (ref.update_parameters_with_momentum, (NET.parameters, NET.grads, NET.state("signed"), 0.9, 0.1)),
    "ADAM": (ref.update_parameters_with_adam,
             (NET.parameters, NET.grads, NET.state("signed"), NET.state("squares"), 3, 0.1, 0.9, 0.999, 0.1)),
    "UPDATE_LR": (ref.update_lr, (0.5, 3, 0.7)),
    "SCHEDULE_LR_DECAY": (ref.schedule_lr_decay, (0.5, 1700, 0.7, 1000)),
}  # fmt: skip


@pytest.mark.parametrize(
    ("group", "mistake"),
    [(g, m) for g in ARGUMENTS for m in getattr(mistakes, g)],
    ids=lambda x: x if isinstance(x, str) else x.description,
)
def test_a_known_mistake_gives_something_else_than_the_reference(group, mistake):
    reference, args = ARGUMENTS[group]
    expected = reference(*copy.deepcopy(args))
    with pytest.raises(CheckFailed):
        expect_same(mistake.gives(*copy.deepcopy(args)), expected, "result")


def test_the_adam_variant_with_no_switch_is_the_reference():
    _, args = ARGUMENTS["ADAM"]
    expect_same(
        mistakes.adam_variant(*copy.deepcopy(args)), ref.update_parameters_with_adam(*copy.deepcopy(args)), ""
    )
    assert np.isfinite(args[0]["W1"]).all()
