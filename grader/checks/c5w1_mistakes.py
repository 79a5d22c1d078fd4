r"""Known mistakes in course 5 week 1 (RNN and LSTM forward passes), run judge-side to name
a wrong result.

Each ``gives`` takes the reference's arguments (see :class:`grader.judge.judging.Mistake`) and
returns the whole tuple the function returns; the checks compare the parts they grade.
Written from the formulas, not copied from student code.
"""

from __future__ import annotations

import numpy as np

from grader.judge.judging import Mistake
from reference.rnn_helpers import sigmoid, softmax


def _softmax_rows(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def _rnn_cell(xt, a_prev, p, tanh=np.tanh, out=softmax, y_from_prev=False, cache_order=(0, 1)):
    a_next = tanh(p["Wax"] @ xt + p["Waa"] @ a_prev + p["ba"])
    yt = out(p["Wya"] @ (a_prev if y_from_prev else a_next) + p["by"])
    first, second = (a_next, a_prev)[cache_order[0]], (a_next, a_prev)[cache_order[1]]
    return a_next, yt, (first, second, xt, p)


RNN_CELL = (
    Mistake("a_next without the tanh",
            "a_next = np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba)",
            lambda xt, a_prev, p: _rnn_cell(xt, a_prev, p, tanh=lambda z: z)),
    Mistake("the softmax over the rows (axis 1) instead of the columns",
            "yt_pred = softmax(np.dot(Wya, a_next) + by): the course's softmax normalizes each column (axis 0)",
            lambda xt, a_prev, p: _rnn_cell(xt, a_prev, p, out=_softmax_rows)),
    Mistake("the prediction made from a_prev instead of a_next",
            "yt_pred = softmax(np.dot(Wya, a_next) + by), from the NEW hidden state",
            lambda xt, a_prev, p: _rnn_cell(xt, a_prev, p, y_from_prev=True)),
    Mistake("yt_pred without the softmax",
            "yt_pred = softmax(np.dot(Wya, a_next) + by)",
            lambda xt, a_prev, p: _rnn_cell(xt, a_prev, p, out=lambda z: z)),
    Mistake("a cache with a_prev and a_next swapped",
            "cache = (a_next, a_prev, xt, parameters), in this order: the backward pass unpacks it so",
            lambda xt, a_prev, p: _rnn_cell(xt, a_prev, p, cache_order=(1, 0))),
)  # fmt: skip


def _rnn(x, a0, p, every_step_a0=False, start=None):
    n_a, m, T_x = a0.shape[0], x.shape[1], x.shape[2]
    a, y, caches = np.zeros((n_a, m, T_x)), np.zeros((p["Wya"].shape[0], m, T_x)), []
    a_next = a0 if start is None else start
    for t in range(T_x):
        a_next, y[:, :, t], cache = _rnn_cell(x[:, :, t], a0 if every_step_a0 and t else a_next, p)
        a[:, :, t] = a_next
        caches.append(cache)
    return a, y, (caches, x)


RNN_FORWARD = (
    Mistake("a0 fed to every step instead of the previous step's a_next",
            "a_next = a0 before the loop, then a_next, yt_pred, cache = rnn_cell_forward(xt, a_next, parameters)",
            lambda x, a0, p: _rnn(x, a0, p, every_step_a0=True)),
    Mistake("the sequence started from zeros instead of a0",
            "start the loop from the given a0: a_next = a0",
            lambda x, a0, p: _rnn(x, a0, p, start=np.zeros_like(a0))),
)  # fmt: skip


def _lstm_cell(xt, a_prev, c_prev, p, order="a_x", forget=True, swap_gates=False, tanh_a=True, out=softmax,
               cache_gates_swapped=False):  # fmt: skip
    concat = np.concatenate((a_prev, xt) if order == "a_x" else (xt, a_prev), axis=0)
    ft, it = sigmoid(p["Wf"] @ concat + p["bf"]), sigmoid(p["Wi"] @ concat + p["bi"])
    cct, ot = np.tanh(p["Wc"] @ concat + p["bc"]), sigmoid(p["Wo"] @ concat + p["bo"])
    if swap_gates:
        c_next = it * c_prev + ft * cct
    else:
        c_next = (ft if forget else 1.0) * c_prev + it * cct
    a_next = ot * (np.tanh(c_next) if tanh_a else c_next)
    yt = out(p["Wy"] @ a_next + p["by"])
    gates = (it, ft) if cache_gates_swapped else (ft, it)
    return a_next, c_next, yt, (a_next, c_next, a_prev, c_prev, *gates, cct, ot, xt, p)


LSTM_CELL = (
    Mistake("xt stacked on top of a_prev",
            "concat = np.concatenate((a_prev, xt), axis=0): a_prev on top, the first n_a columns of each W act on it",
            lambda xt, a_prev, c_prev, p: _lstm_cell(xt, a_prev, c_prev, p, order="x_a")),
    Mistake("c_next without the forget gate (c_prev + it * cct)",
            "c_next = ft * c_prev + it * cct: the forget gate scales the old memory",
            lambda xt, a_prev, c_prev, p: _lstm_cell(xt, a_prev, c_prev, p, forget=False)),
    Mistake("the forget and update gates swapped (it * c_prev + ft * cct)",
            "c_next = ft * c_prev + it * cct",
            lambda xt, a_prev, c_prev, p: _lstm_cell(xt, a_prev, c_prev, p, swap_gates=True)),
    Mistake("a_next = ot * c_next (the tanh forgotten)",
            "a_next = ot * np.tanh(c_next)",
            lambda xt, a_prev, c_prev, p: _lstm_cell(xt, a_prev, c_prev, p, tanh_a=False)),
    Mistake("the softmax over the rows (axis 1) instead of the columns",
            "yt_pred = softmax(np.dot(Wy, a_next) + by): the course's softmax normalizes each column (axis 0)",
            lambda xt, a_prev, c_prev, p: _lstm_cell(xt, a_prev, c_prev, p, out=_softmax_rows)),
    Mistake("a cache with ft and it swapped",
            "cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters), in this order",
            lambda xt, a_prev, c_prev, p: _lstm_cell(xt, a_prev, c_prev, p, cache_gates_swapped=True)),
)  # fmt: skip


def _lstm(x, a0, p, every_step_a0=False, reset_c=False, c0_from_a0=False):
    n_a, m, T_x = a0.shape[0], x.shape[1], x.shape[2]
    a, c, y, caches = (
        np.zeros((n_a, m, T_x)),
        np.zeros((n_a, m, T_x)),
        np.zeros((p["Wy"].shape[0], m, T_x)),
        [],
    )
    a_next, c_next = a0, (a0 if c0_from_a0 else np.zeros_like(a0))
    for t in range(T_x):
        a_prev = a0 if every_step_a0 else a_next
        c_prev = np.zeros_like(a0) if reset_c else c_next
        a_next, c_next, y[:, :, t], cache = _lstm_cell(x[:, :, t], a_prev, c_prev, p)
        a[:, :, t], c[:, :, t] = a_next, c_next
        caches.append(cache)
    return a, y, c, (caches, x)


LSTM_FORWARD = (
    Mistake("a0 fed to every step instead of the previous step's a_next",
            "a_next = a0 before the loop, then feed each step's a_next and c_next to the next",
            lambda x, a0, p: _lstm(x, a0, p, every_step_a0=True)),
    Mistake("the memory cell reset to zeros at every step",
            "c_next = np.zeros(a_next.shape) once, before the loop, then feed each step's c_next to the next",
            lambda x, a0, p: _lstm(x, a0, p, reset_c=True)),
    Mistake("the memory cell started from a0 instead of zeros",
            "c_next = np.zeros(a_next.shape): the memory starts empty, only the hidden state starts at a0",
            lambda x, a0, p: _lstm(x, a0, p, c0_from_a0=True)),
)  # fmt: skip
