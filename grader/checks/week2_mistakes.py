r"""Known mistakes in the week 2 functions, run judge-side to name a wrong result.

Each ``gives`` function takes the reference's arguments and returns what the mistaken
implementation would; see :class:`grader.judge.judging.Mistake`.  They are written from the
update rules, not copied from student code, and ``tests/grader/test_mistakes.py`` shows
each differs from the reference.
"""

from __future__ import annotations

import numpy as np

from grader.judge.judging import Mistake


def _layers(parameters: dict) -> range:
    return range(1, len(parameters) // 2 + 1)


def adam_variant(
    parameters,
    grads,
    v,
    s,
    t,
    learning_rate=0.01,
    beta1=0.9,
    beta2=0.999,
    epsilon=1e-8,
    *,
    eps_inside=False,
    bias_correction=True,
    return_corrected=False,
):
    r"""Adam with one of three switches flipped:

    * ``eps_inside``: :math:`W \mathrel{-}= \alpha\, \hat v / \sqrt{\hat s + \epsilon}`;
    * not ``bias_correction``: :math:`\hat v = v, \hat s = s`;
    * ``return_corrected``: :math:`\hat v, \hat s` returned (and kept) in place of :math:`v, s`.
    """
    v_corrected, s_corrected = {}, {}
    for l in _layers(parameters):
        for p in ("W", "b"):
            k, g = f"d{p}{l}", grads[f"d{p}{l}"]
            v[k] = beta1 * v[k] + (1 - beta1) * g
            s[k] = beta2 * s[k] + (1 - beta2) * g**2
            v_corrected[k] = v[k] / (1 - beta1**t) if bias_correction else v[k]
            s_corrected[k] = s[k] / (1 - beta2**t) if bias_correction else s[k]
            denominator = (
                np.sqrt(s_corrected[k] + epsilon) if eps_inside else np.sqrt(s_corrected[k]) + epsilon
            )
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v_corrected[k] / denominator
    if return_corrected:
        return parameters, v_corrected, s_corrected, v_corrected, s_corrected
    return parameters, v, s, v_corrected, s_corrected


ADAM = (
    Mistake("Adam with epsilon inside the square root",
            "epsilon goes outside: v_corrected / (np.sqrt(s_corrected) + epsilon)",
            lambda *a: adam_variant(*a, eps_inside=True)),
    Mistake("Adam without bias correction",
            "divide by the bias corrections: v_corrected = v / (1 - beta1**t), s_corrected = s / (1 - beta2**t)",
            lambda *a: adam_variant(*a, bias_correction=False)),
    Mistake("Adam that returns the corrected moments as v and s",
            "keep v and s uncorrected; store the corrected values in v_corrected and s_corrected only",
            lambda *a: adam_variant(*a, return_corrected=True)),
)  # fmt: skip


def momentum_without_one_minus_beta(parameters, grads, v, beta, learning_rate):
    r""":math:`v = \beta v + dW` (the :math:`1 - \beta` factor forgotten)."""
    for l in _layers(parameters):
        for p in ("W", "b"):
            v[f"d{p}{l}"] = beta * v[f"d{p}{l}"] + grads[f"d{p}{l}"]
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v[f"d{p}{l}"]
    return parameters, v


MOMENTUM = (
    Mistake("momentum without the (1 - beta) factor",
            "v = beta * v + (1 - beta) * grad",
            momentum_without_one_minus_beta),
)  # fmt: skip


def gd_ascent(parameters, grads, learning_rate):
    r""":math:`W \mathrel{+}= \alpha\, dW`: a step up the gradient."""
    for l in _layers(parameters):
        for p in ("W", "b"):
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] + learning_rate * grads[f"d{p}{l}"]
    return parameters


GRADIENT_DESCENT = (
    Mistake("a step up the gradient (+ instead of -)", "subtract: W = W - learning_rate * dW", gd_ascent),
)

UPDATE_LR = (
    Mistake("learning_rate0 / (1 + decay_rate) * epoch_num (operator precedence)",
            "put the product in the denominator: learning_rate0 / (1 + decay_rate * epoch_num)",
            lambda lr0, epoch, decay: lr0 / (1 + decay) * epoch),
)  # fmt: skip

SCHEDULE_LR_DECAY = (
    Mistake("a continuous decay (no floor)",
            "decay in steps: np.floor(epoch_num / time_interval)",
            lambda lr0, epoch, decay, interval=1000: lr0 / (1 + decay * (epoch / interval))),
    Mistake("rounding instead of flooring epoch_num / time_interval",
            "use np.floor(epoch_num / time_interval), not round(...)",
            lambda lr0, epoch, decay, interval=1000: lr0 / (1 + decay * round(epoch / interval)),
            shows_on=((0.5, 1700, 0.7, 1000),)),  # 1.7 rounds to 2, floors to 1
)  # fmt: skip
