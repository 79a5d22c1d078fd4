"""A function is judged on its own: its building blocks are the reference's, answered by
the judge while the worker runs it (grader/boundary/blocks.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from grader.api import grade
from grader.boundary.blocks import MAX_BLOCK_INT, answer_block
from grader.boundary.remote import RemoteSubmission
from grader.boundary.sandbox import choose_level

REFERENCES = Path(__file__).resolve().parents[2] / "reference"


def graded(tmp_path: Path, *replacements: str, assignment: str = "c4w1") -> dict[str, float]:
    """``assignment`` graded on its reference with ``replacements`` (function sources) appended."""
    reference = REFERENCES / {"c4w1": "convolution.py", "c4w4": "face_style.py"}[assignment]
    path = tmp_path / "submission.py"
    path.write_text(reference.read_text() + "\n\n" + "\n\n".join(replacements))
    result = grade(assignment, path)
    return {e.name: e.score for e in result.exercises}


WRONG_ZERO_PAD = """
def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), constant_values=1.0)
"""

UNFINISHED_BLOCKS = """
def create_mask_from_window(x):
    return mask_not_defined

def distribute_value(dz, shape):
    return None
"""


def test_a_wrong_block_costs_points_only_in_its_own_exercise(tmp_path: Path) -> None:
    scores = graded(tmp_path, WRONG_ZERO_PAD)
    assert scores["zero_pad"] == 0
    assert scores["conv_forward"] == 20  # it calls zero_pad: the reference's answers
    assert scores["conv_backward"] == 22


def test_unfinished_blocks_never_excuse_the_function_built_on_them(tmp_path: Path) -> None:
    scores = graded(tmp_path, UNFINISHED_BLOCKS)
    assert scores["create_mask_from_window"] == 0
    assert scores["distribute_value"] == 0
    assert scores["pool_backward"] == 16  # the reference's blocks in their place


def test_a_composite_that_fails_with_the_reference_blocks_fails(tmp_path: Path) -> None:
    unfinished_pool_backward = """
def pool_backward(dA, cache, mode="max"):
    mask = create_mask_from_window(dA)
    return dA_prev_not_defined
"""
    scores = graded(tmp_path, UNFINISHED_BLOCKS, unfinished_pool_backward)
    assert scores["pool_backward"] == 0


ZERO_GRAM = """
def gram_matrix(A):
    return np.zeros((A.shape[0], A.shape[0]))
"""


def test_a_wrong_gram_matrix_costs_points_in_gram_matrix_only(tmp_path: Path) -> None:
    scores = graded(tmp_path, ZERO_GRAM, assignment="c4w4")
    assert scores["gram_matrix"] == 0
    assert scores["compute_layer_style_cost"] == 20  # full marks: the reference's Gram matrices


def test_a_style_cost_right_only_for_its_own_wrong_gram_matrix_earns_nothing(tmp_path: Path) -> None:
    """The style cost of zero Gram matrices is 0: error carried forward accepted it (full marks)."""
    zero_style_cost = """
def compute_layer_style_cost(a_S, a_G):
    m, n_H, n_W, n_C = a_G.shape
    GS = gram_matrix(np.zeros((n_C, n_H * n_W)))
    GG = gram_matrix(np.zeros((n_C, n_H * n_W)))
    return np.sum(np.square(GS - GG)) / (4 * n_C**2 * (n_H * n_W) ** 2)
"""
    scores = graded(tmp_path, ZERO_GRAM, zero_style_cost, assignment="c4w4")
    assert scores["compute_layer_style_cost"] == 0


def reference_zero_pad(X: np.ndarray, pad: int) -> np.ndarray:
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))


def test_the_judge_answers_only_the_blocks_declared_for_the_call() -> None:
    request = {"op": "block", "name": "conv_forward", "args": [], "kwargs": {}}
    reply = answer_block({"zero_pad": reference_zero_pad}, request)
    assert reply["ok"] is False
    assert "not a building block" in reply["error"]["message"]


def test_the_judge_refuses_arguments_that_would_make_it_allocate_without_bound() -> None:
    request = {"op": "block", "name": "zero_pad", "args": [np.zeros((1, 1, 1, 1)), 10**9], "kwargs": {}}
    reply = answer_block({"zero_pad": reference_zero_pad}, request)
    assert reply["ok"] is False
    assert str(MAX_BLOCK_INT) in reply["error"]["message"]


def test_a_block_error_reaches_the_students_code_as_an_exception() -> None:
    source = """
def composite(X):
    try:
        return zero_pad(X, "two")
    except Exception as exc:
        return "raised " + type(exc).__name__
"""
    with RemoteSubmission([{"filename": "s.py", "source": source}], level=choose_level()) as remote:
        _ = remote.report  # loads the submission
        got = remote.call_with("composite", {"zero_pad": reference_zero_pad}, (np.zeros((1, 2, 2, 1)),), {})
        assert got == "raised BlockError"


@pytest.mark.parametrize("name", ["zero_pad", "other"])
def test_the_students_own_function_is_back_after_the_call(name: str) -> None:
    source = """
def zero_pad(X, pad):
    return "own"

def composite(X):
    return zero_pad(X, 1)
"""
    with RemoteSubmission([{"filename": "s.py", "source": source}], level=choose_level()) as remote:
        blocks = {name: reference_zero_pad}
        first = remote.call_with("composite", blocks, (np.zeros((1, 1, 1, 1)),), {})
        assert (type(first) is np.ndarray) == (name == "zero_pad")
        assert remote.call("composite", np.zeros((1, 1, 1, 1))) == "own"
