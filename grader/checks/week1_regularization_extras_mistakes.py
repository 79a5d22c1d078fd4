r"""Known mistakes in L1 regularization and early stopping, run judge-side to name a wrong
result.  Each ``gives`` takes the reference's arguments (see :class:`grader.judge.judging.Mistake`).
Written from the formulas, not copied from student code.
"""

from __future__ import annotations

import numpy as np

from grader.judge.judging import Mistake


def _weights(parameters):
    return [parameters["W" + str(l)] for l in range(1, len(parameters) // 2 + 1)]


def _l1(parameters, lambd, m, scale=1.0, term=np.abs, biases=False, last=True):
    arrays = _weights(parameters)[: None if last else -1]
    if biases:
        arrays += [parameters["b" + str(l)] for l in range(1, len(parameters) // 2 + 1)]
    return float(scale * lambd / m * sum(np.sum(term(a)) for a in arrays))


L1_COST = (
    Mistake("the L2 penalty (squares, lambd / (2m))",
            "L1 sums absolute values: lambd / m * sum of np.sum(np.abs(W)) over the layers",
            lambda p, lambd, m: _l1(p, lambd, m, 0.5, np.square)),
    Mistake("lambd / (2m) in place of lambd / m",
            "the L1 term is lambd / m * sum |W| (the 1/2 of L2 cancels the square's 2; L1 has none)",
            lambda p, lambd, m: _l1(p, lambd, m, 0.5)),
    Mistake("the biases penalized too",
            "penalize the weights W1..WL only, never the biases b1..bL",
            lambda p, lambd, m: _l1(p, lambd, m, biases=True)),
    Mistake("the sum of the weights without the absolute value",
            "take np.abs(W) before summing: negative weights must add to the penalty",
            lambda p, lambd, m: _l1(p, lambd, m, term=lambda a: a)),
    Mistake("the last layer's weights left out",
            "sum over every layer, l = 1..L with L = len(parameters) // 2",
            lambda p, lambd, m: _l1(p, lambd, m, last=False)),
    Mistake("lambd left out (sum |W| / m)",
            "multiply by the regularization strength: lambd / m * sum |W|",
            lambda p, lambd, m: _l1(p, 1.0, m)),
    Mistake("no division by m",
            "divide by the number of examples: lambd / m * sum |W|",
            lambda p, lambd, m: _l1(p, lambd, 1)),
)  # fmt: skip


def _l1_gradients(gradients, parameters, lambd, m, scale=1.0, direction=np.sign, biases=False, plain=True):
    out = dict(gradients)
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b") if biases else ("W",):
            key = p + str(l)
            base = gradients["d" + key] if plain else 0 * gradients["d" + key]
            out["d" + key] = base + scale * lambd / m * direction(parameters[key])
    return out


def sign_with_zero_positive(W):
    return np.where(W >= 0, 1.0, -1.0)


L1_GRADIENTS = (
    Mistake("the L2 gradient (lambd / m * W)",
            "the derivative of |W| is np.sign(W): dW += lambd / m * np.sign(W)",
            lambda g, p, lambd, m: _l1_gradients(g, p, lambd, m, direction=lambda W: W)),
    Mistake("lambd / (2m) * sign(W)",
            "the L1 term lambd / m * |W| has derivative lambd / m * np.sign(W)",
            lambda g, p, lambd, m: _l1_gradients(g, p, lambd, m, 0.5)),
    Mistake("the penalty's gradient subtracted",
            "add the penalty's gradient: dW + lambd / m * np.sign(W)",
            lambda g, p, lambd, m: _l1_gradients(g, p, lambd, m, -1.0)),
    Mistake("the penalty's gradient alone, without the plain gradient",
            "add lambd / m * np.sign(W) to the dW you are given",
            lambda g, p, lambd, m: _l1_gradients(g, p, lambd, m, plain=False)),
    Mistake("the biases penalized too",
            "only the weights: db stays as given",
            lambda g, p, lambd, m: _l1_gradients(g, p, lambd, m, biases=True)),
    Mistake("sign(0) taken as +1 (np.where(W >= 0, 1, -1))",
            "use np.sign(W): by convention the subgradient of |w| at w = 0 is 0",
            lambda g, p, lambd, m: _l1_gradients(g, p, lambd, m, direction=sign_with_zero_positive)),
)  # fmt: skip


def _stopping(
    losses, patience, min_delta=0.0, ties=False, versus_previous=False, delta=True, late=0, end=None
):
    best, best_loss, previous = 0, losses[0], losses[0]
    stop = len(losses) - 1 if end is None else end(len(losses))
    for t in range(1, len(losses)):
        reference = previous if versus_previous else best_loss
        gain = reference - losses[t]
        improves = (gain >= 0 if ties else gain > 0) and (gain >= min_delta or not delta)
        previous = losses[t]
        if improves:
            best, best_loss = t, losses[t]
        elif t - best >= patience + late:
            stop = t
            break
    return best, stop


EARLY_STOPPING = (
    Mistake("a loss equal to the best taken as an improvement (<=)",
            "only a strict decrease improves: on a tie keep the earlier epoch",
            lambda losses, patience, min_delta=0.0: _stopping(losses, patience, min_delta, ties=True)),
    Mistake("min_delta ignored",
            "a decrease counts only when best_loss - loss >= min_delta",
            lambda losses, patience, min_delta=0.0: _stopping(losses, patience, min_delta, delta=False)),
    Mistake("each loss compared with the previous epoch's, not with the best",
            "keep the best loss seen so far and compare every new loss with it",
            lambda losses, patience, min_delta=0.0: _stopping(losses, patience, min_delta, versus_previous=True)),
    Mistake("stopping one epoch late (t - best > patience)",
            "stop at the first epoch t with t - best_epoch >= patience",
            lambda losses, patience, min_delta=0.0: _stopping(losses, patience, min_delta, late=1)),
    Mistake("stopping one epoch early (t - best >= patience - 1)",
            "stop at the first epoch t with t - best_epoch >= patience",
            lambda losses, patience, min_delta=0.0: _stopping(losses, patience, min_delta, late=-1)),
    Mistake("len(dev_losses) as the stop epoch of a run that never stops",
            "epochs are 0-based: a run that never stops ends at epoch len(dev_losses) - 1",
            lambda losses, patience, min_delta=0.0: _stopping(losses, patience, min_delta, end=lambda n: n)),
    Mistake("the minimum of the whole curve, after the stop too",
            "only the epochs up to the stop are seen: track the best while looping and break at the stop",
            lambda losses, patience, min_delta=0.0: (int(np.argmin(losses)),
                                                     _stopping(losses, patience, min_delta)[1])),
)  # fmt: skip


def _flip(images, boxes, axis=2, box_coordinate=0, box_map=lambda v: 1 - v):
    flipped_boxes = boxes.copy()
    if box_coordinate is not None:
        flipped_boxes[:, box_coordinate] = box_map(boxes[:, box_coordinate])
    return np.flip(images, axis=axis).copy(), flipped_boxes


FLIP = (
    Mistake("a vertical flip (rows reversed, axis 1)",
            "a horizontal flip reverses the columns: images[:, :, ::-1, :] (axis 2 of (m, n_H, n_W, n_C))",
            lambda images, boxes: _flip(images, boxes, axis=1)),
    Mistake("the channels reversed (axis 3)",
            "reverse the columns, axis 2: images[:, :, ::-1, :]; the channels stay as they are",
            lambda images, boxes: _flip(images, boxes, axis=3)),
    Mistake("the batch reversed (axis 0): images no longer paired with their boxes",
            "reverse axis 2 (the width) only: images[:, :, ::-1, :]",
            lambda images, boxes: _flip(images, boxes, axis=0)),
    Mistake("the boxes left as they were",
            "the box moves with the image: b_x becomes 1 - b_x",
            lambda images, boxes: _flip(images, boxes, box_coordinate=None)),
    Mistake("b_y flipped instead of b_x",
            "a horizontal flip moves the centre's x: boxes[:, 0] = 1 - boxes[:, 0]; b_y, b_h, b_w stay",
            lambda images, boxes: _flip(images, boxes, box_coordinate=1)),
    Mistake("b_x negated (-b_x) instead of mirrored (1 - b_x)",
            "b_x is relative to the width, in [0, 1]: its mirror image is 1 - b_x",
            lambda images, boxes: _flip(images, boxes, box_map=lambda v: -v)),
)  # fmt: skip
