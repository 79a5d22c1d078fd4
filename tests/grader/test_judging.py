"""The judge's copies of the checks' arguments, and batches numpy samples from one seed."""

import copy

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader.judge.judging import fresh
from grader.judge.strategies import (
    BATCH,
    Sampled,
    batch_cases,
    batches,
    numbers_in,
    sample_batch,
    sample_float,
    sample_hyper,
    sample_int,
    sample_ints,
    sample_network,
    sample_seed,
    sample_sizes,
    sampled_networks,
)

arrays = hnp.arrays(hnp.floating_dtypes(), hnp.array_shapes(min_dims=0, max_dims=3, max_side=3))
leaves = st.one_of(st.integers(), st.floats(allow_nan=False), st.text(max_size=3), st.none(), arrays)
trees = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=2), inner, max_size=3)
    ),
    max_leaves=12,
)


def same(a: object, b: object) -> bool:
    """Equal structure, types, shapes, dtypes and values."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def arrays_in(value: object) -> list[np.ndarray]:
    if isinstance(value, np.ndarray):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [a for item in value for a in arrays_in(item)]
    return []


@given(trees)
def test_fresh_is_a_deep_copy_like_deepcopy(tree):
    copied = fresh(tree)
    assert same(copied, copy.deepcopy(tree)) and same(copied, tree)
    originals, copies = arrays_in(tree), arrays_in(copied)
    assert all(c is not o and not np.shares_memory(c, o) for c, o in zip(copies, originals, strict=True))


def test_fresh_keeps_what_is_shared_shared_and_copies_a_dict_that_holds_itself_once():
    a = np.arange(3.0)
    tree: dict = {"v": a, "s": a, "both": [a, (1, 2.0, "x")]}
    tree["itself"] = tree
    copied = fresh(tree)
    assert copied["v"] is copied["s"] is copied["both"][0] and copied["v"] is not a
    assert copied["itself"] is copied
    copied["v"][0] = 9.0
    assert a[0] == 0.0


def test_fresh_keeps_the_memory_order_and_deep_copies_object_arrays():
    fortran = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    assert fresh(fortran).flags.f_contiguous
    boxed = np.empty(1, dtype=object)
    boxed[0] = [1, 2]
    copied = fresh(boxed)
    copied[0].append(3)
    assert boxed[0] == [1, 2]


def test_a_sampled_batch_is_the_same_for_the_same_seed_and_another_for_another():
    first, again, other = (sample_batch(sample_network, 5, seed) for seed in (7, 7, 8))
    assert [n.sizes for n in first] == [n.sizes for n in again]
    assert all(same(a.parameters, b.parameters) for a, b in zip(first, again, strict=True))
    assert [n.sizes for n in first] != [n.sizes for n in other]


def test_a_sampled_batch_comes_smallest_first_and_holds_the_cases_sampled():
    """A check reports a batch's first failing case: the smallest input that shows the mistake."""
    rng = np.random.default_rng(7)
    sampled = [sample_network(rng) for _ in range(BATCH)]
    batch = sample_batch(sample_network, BATCH, 7)
    sizes = [numbers_in(net) for net in batch]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    assert sorted(n.sizes for n in batch) == sorted(n.sizes for n in sampled)


def test_numbers_in_counts_array_entries_and_numbers_through_containers_and_fields():
    assert numbers_in((np.zeros((3, 4)), {"a": np.ones(5), "rate": 0.1}, "text", None)) == 18
    assert numbers_in(sample_network(np.random.default_rng(0))) > 0


def test_sampled_sizes_cover_every_geometry_the_strategy_draws_and_nothing_else():
    rng = np.random.default_rng(0)
    drawn = [sample_sizes(rng) for _ in range(2000)]
    assert {len(sizes) - 1 for sizes in drawn} == {1, 2, 3, 4}
    assert {n for sizes in drawn for n in sizes} == set(range(1, 7))
    assert all(type(n) is int for sizes in drawn for n in sizes)
    layers = np.bincount([len(sizes) - 1 for sizes in drawn], minlength=5)[1:]
    assert layers.min() > 400  # each of the four depths about a quarter of the time


def test_sampled_hyper_parameters_are_python_numbers_from_their_values():
    rng = np.random.default_rng(1)
    values = [sample_hyper(rng, {"t": range(2, 11), "beta": (0.9, 0.99)}) for _ in range(200)]
    assert {v["t"] for v in values} == set(range(2, 11)) and {v["beta"] for v in values} == {0.9, 0.99}
    assert all(type(v["t"]) is int and type(v["beta"]) is float for v in values)


def test_batch_cases_sample_sizes_smaller_than_m_and_multiples_of_it():
    cases = sample_batch(batch_cases().sample, 300, seed=2)
    shapes = [(c.X.shape[1], c.mini_batch_size) for c in cases]
    assert any(m < size for m, size in shapes) and any(m % size == 0 and m > size for m, size in shapes)
    assert all(1 <= size <= 70 and 1 <= m <= 300 for m, size in shapes)


@given(batch=batches(sampled_networks()))
def test_batches_of_a_sampled_give_batch_many_cases_per_example(batch):
    assert len(batch) == BATCH and all(1 <= n.layers <= 4 for n in batch)


def test_batches_of_a_sampled_and_of_a_strategy_are_both_strategies():
    assert isinstance(batches(Sampled(sample_network)), st.SearchStrategy)
    assert isinstance(batches(st.just(1), size=3), st.SearchStrategy)


def test_sample_float_draws_each_edge_about_one_time_in_ten_and_stays_in_its_range():
    rng = np.random.default_rng(3)
    values = [sample_float(rng, -0.02, 0.3, special=(0.0,)) for _ in range(3000)]
    assert all(-0.02 <= v <= 0.3 and type(v) is float for v in values)
    for edge in (-0.02, 0.3, 0.0):
        assert 200 < values.count(edge) < 400  # 300 expected, +-6 standard deviations (16.4)
    with pytest.raises(ValueError, match="edge values"):
        sample_float(rng, 0.0, 1.0, special=tuple(range(8)))


def test_sample_int_and_sample_seed_are_python_ints_over_their_whole_range():
    rng = np.random.default_rng(4)
    assert {sample_int(rng, 1, 3) for _ in range(200)} == {1, 2, 3}
    assert all(type(n) is int for n in sample_ints(rng, 0, 5, 50))
    seeds = [sample_seed(rng) for _ in range(50)]
    assert all(type(s) is int and 0 <= s < 2**32 for s in seeds) and len(set(seeds)) == 50


def test_expect_parts_names_the_parts_expected_and_what_came_back():
    from grader.judge.compare import CheckFailed, expect_parts

    assert expect_parts([1, 2], ("Z", "cache")) == (1, 2)
    with pytest.raises(CheckFailed, match=r"^expected \(Z, cache\), got None \(missing return"):
        expect_parts(None, ("Z", "cache"))
    with pytest.raises(CheckFailed, match=r"^cache: expected \(Z, cache\), got a tuple of 3 items$"):
        expect_parts((1, 2, 3), ("Z", "cache"), what="cache")
    adam = ("parameters", "v", "s", "v_corrected", "s_corrected")
    assert expect_parts((1, 2, 3), adam, older_lengths=(3,)) == (1, 2, 3)  # Coursera 2017
    with pytest.raises(CheckFailed, match=r"^expected \(parameters, v, s, v_corrected, s_corrected\) "
                                          r"or \(parameters, v, s\), got a list of 4 items$"):  # fmt: skip
        expect_parts([1, 2, 3, 4], adam, older_lengths=(3,))
