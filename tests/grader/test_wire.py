"""The wire format rebuilds plain values exactly and refuses anything malformed."""

import json

import numpy as np
import pytest

from grader.boundary.worker import wire


def round_trip(value):
    frame = wire.pack(value)
    n = wire.header_length(frame[:4])
    tree, sizes = wire.unpack_header(frame[4 : 4 + n])
    return wire.decode(tree, wire.split_buffers(frame[4 + n :], sizes))


def test_plain_values_come_back_equal_and_of_the_same_type():
    value = {"a": [1, 2.5, None, True, "s"], "t": (1, (2, 3)), 3: float("inf")}
    back = round_trip(value)
    assert back == value
    assert type(back["t"]) is tuple and type(back["a"]) is list


@pytest.mark.parametrize("dtype", ["f8", "f4", "i8", "i4", "u1", "?", "f2"])
def test_arrays_keep_dtype_shape_and_values(dtype):
    a = (np.arange(24).reshape(2, 3, 4) % 7).astype(dtype)
    back = round_trip(a)
    assert type(back) is np.ndarray and back.dtype == a.dtype and back.shape == a.shape
    assert np.array_equal(back, a) and back.flags.writeable


def test_non_contiguous_and_big_endian_arrays_arrive_as_native_contiguous_copies():
    a = np.arange(12.0).reshape(3, 4).T
    assert np.array_equal(round_trip(a), a)
    b = np.arange(3, dtype=">f8")
    assert round_trip(b).dtype == np.dtype("<f8") and np.array_equal(round_trip(b), b)


def test_numpy_scalars_keep_their_type():
    back = round_trip([np.float64(0.5), np.int32(3), np.bool_(True)])
    assert [type(x) for x in back] == [np.float64, np.int32, np.bool_]


def test_identity_survives_the_crossing():
    shared = np.zeros(3)
    v = {"dW1": shared}
    s = {"dW1": shared}
    back_v, back_s, back_again = round_trip((v, s, v))
    assert back_v["dW1"] is back_s["dW1"]
    assert back_again is back_v and back_v is not back_s


def test_cycles_through_lists_are_rebuilt():
    a = [1]
    a.append(a)
    back = round_trip(a)
    assert back[1] is back


@pytest.mark.parametrize(
    "value",
    [
        object(),
        np.ma.masked_array([1.0]),
        np.array([1, "a"], dtype=object),
        np.recarray((1,), dtype=[("x", "f8")]),
        1 + 2j,
    ],
    ids=["object", "masked", "object-dtype", "recarray", "complex"],
)
def test_other_types_arrive_as_unsupported_markers(value):
    back = round_trip(value)
    assert isinstance(back, wire.Unsupported)
    assert back != value and not (back == 1)


def test_subclass_of_builtin_containers_does_not_cross_as_such():
    class Sneaky(dict):
        def __eq__(self, other):
            return True

    assert isinstance(round_trip(Sneaky(a=1)), wire.Unsupported)


def tree_of(value):
    frame = wire.pack(value)
    n = wire.header_length(frame[:4])
    return json.loads(frame[4 : 4 + n])


@pytest.mark.parametrize(
    ("tree", "buffers", "complaint"),
    [
        ({"$nd": [1], "dtype": "|O"}, [b"x" * 8], "not allowed"),
        ({"$nd": [3]}, [b"x" * 8], "needs 24 bytes"),
        ({"$nd": [1], "dtype": "<f8"}, [], "no buffer left"),
        ({"$nd": [1]}, [b"x" * 8, b"y" * 8], "2 buffers for 1 arrays"),
        ({"$nd": [-1]}, [b"x" * 8], "shape"),
        ({"$nd": 3}, [b"x" * 8], "shape"),
        ({"$ref": 7}, [], "unknown object"),
        ({"$list": [{"$ref": 1}]}, [], "unknown object"),
        ({"$dict": [[{"$list": []}, 1]]}, [], "unhashable"),
        ({"$scalar": "<f8", "value": "1"}, [], "scalar"),
        ({"weird": 1}, [], "unknown node"),
        ([1, 2], [], "unexpected JSON"),
    ],
)
def test_decode_rejects_malformed_trees(tree, buffers, complaint):
    with pytest.raises(wire.WireError, match=complaint):
        wire.decode(tree, buffers)


def test_decode_rejects_deep_nesting():
    tree = 1
    for _ in range(wire.MAX_DEPTH + 2):
        tree = {"$tuple": [tree]}
    with pytest.raises(wire.WireError, match="deeper"):
        wire.decode(tree, [])


def test_header_length_and_payload_limits_are_enforced():
    with pytest.raises(wire.WireError, match="limit"):
        wire.header_length((wire.MAX_HEADER_BYTES + 1).to_bytes(4, "big"))
    with pytest.raises(wire.WireError, match="payload"):
        wire.unpack_header(json.dumps({"msg": 1, "buffers": [wire.MAX_PAYLOAD_BYTES + 1]}).encode())
    with pytest.raises(wire.WireError, match="exactly"):
        wire.unpack_header(b'{"msg": 1}')


def test_objects_are_numbered_in_the_order_they_appear_and_float64_is_the_default_dtype():
    shared = np.zeros(2)
    tree = tree_of([{"a": shared}, np.arange(3), shared])["msg"]
    assert tree == {"$list": [{"$dict": [["a", {"$nd": [2]}]]}, {"$nd": [3], "dtype": "<i8"}, {"$ref": 2}]}


def test_a_refused_array_does_not_shift_the_ids_of_what_follows():
    shared = np.zeros(2)
    back = round_trip([np.zeros(2, dtype=object), {"a": shared, "b": shared}])
    assert isinstance(back[0], wire.Unsupported)
    assert back[1]["a"] is back[1]["b"]


def _shared_dicts(depth):
    value = {"rate": 0.5}
    for _ in range(depth):
        value = {"left": value, "right": value}
    return value


def test_shared_parts_under_the_expanded_bound_come_back_shared():
    back = round_trip(_shared_dicts(12))  # 2**13 entries as a tree
    assert back["left"] is back["right"] and back["left"]["left"] is back["right"]["right"]


def test_a_value_of_references_to_references_is_refused_before_anything_walks_it():
    with pytest.raises(wire.WireError, match=f"more than {wire.MAX_EXPANDED_NODES} entries"):
        round_trip(_shared_dicts(60))  # 1 KB that a repr expands to 2**60 entries


def test_a_list_that_contains_itself_counts_once():
    cycle = [1]
    cycle.append(cycle)
    back = round_trip(cycle)
    assert back[1] is back
