r"""Frames between the judge and the worker: a JSON header plus raw array bytes.

Nothing here ever unpickles.  A frame is::

    u32 header length | header (UTF-8 JSON) | buffer 0 | buffer 1 | ...

where the header is ``{"msg": <encoded value>, "buffers": [n0, n1, ...]}``.  Values are
encoded as a JSON tree:

* ``None``, ``bool``, ``int``, ``float`` (NaN and infinities included), ``str``: as JSON;
* ``list`` -> ``{"$list": [...]}``; ``dict`` -> ``{"$dict": [[key, value], ...]}``;
  ``tuple`` -> ``{"$tuple": [...]}``;
* exact ``np.ndarray`` of an allowed dtype -> ``{"$nd": [shape...], "dtype": "<i8"}``, its
  bytes the next buffer ("dtype" left out for float64); numpy scalars ->
  ``{"$scalar": dtype, "value": x}``;
* lists, dicts and arrays are numbered in the order they appear (depth first, from 0); a
  second occurrence of one -> ``{"$ref": k}``, so identity (``v is s``, one array under two
  keys) survives the crossing in both directions;
* anything else -> ``{"$unsupported": "type name"}``, rebuilt as :class:`Unsupported`.

:func:`decode` validates everything it reads (dtype allowlist, shape against byte count,
depth, node count, references) and rebuilds only exact builtin containers and exact
``np.ndarray``; a value that "compares equal to anything" cannot come out of it.

This module is imported by the worker as a top-level module, so it depends on the
standard library and numpy only.
"""

from __future__ import annotations

import json
import math
import os
import struct

import numpy as np

ALLOWED_DTYPES = frozenset(
    np.dtype(code).str for code in ("?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8")
)
MAX_HEADER_BYTES = 64 * 2**20
MAX_PAYLOAD_BYTES = 512 * 2**20
MAX_DEPTH = 64
MAX_NODES = 1_000_000
MAX_EXPANDED_NODES = 1_000_000
MAX_DIMS = 32
DEFAULT_DTYPE = "<f8"  # an array node without "dtype" is float64 (most of what crosses)
COALESCE_BYTES = 1 << 20
_LENGTH = struct.Struct("!I")


class WireError(ValueError):
    """A frame or value that does not follow the protocol."""


class Unsupported:
    """Stands for a value of a type that may not cross (a class instance, a function...)."""

    __slots__ = ("type_name",)

    def __init__(self, type_name: str) -> None:
        self.type_name = str(type_name)

    def __repr__(self) -> str:
        return f"<unsupported {self.type_name} object>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unsupported) and other.type_name == self.type_name

    __hash__ = None  # type: ignore[assignment]


# --------------------------------------------------------------------------- encoding


class Separate(list):
    """A list whose items share nothing across the wire: an object found in two items
    arrives as two objects (each call of a batch gets arguments of its own, as if sent
    alone); sharing inside one item, or with what is outside the list, is kept."""


def encode(value: object) -> tuple[object, list[memoryview]]:
    """Turn ``value`` into a JSON-able tree and the list of array buffers it refers to."""
    buffers: list[memoryview] = []
    ids: dict[int, int] = {}
    numbered: list[object] = []  # every numbered object, in order (its index is its id); kept
    # alive so that id() values stay unique while encoding

    def enc(x: object, depth: int) -> object:
        if depth > MAX_DEPTH:
            raise WireError(f"value nested deeper than {MAX_DEPTH} levels")
        kind = type(x)
        if x is None or kind is float or kind is str or kind is int or kind is bool:
            return x
        if kind is np.ndarray:
            code = _wire_dtype(x.dtype)  # type: ignore[attr-defined]
            if code is None:  # before it takes an id
                return {"$unsupported": f"ndarray of dtype {x.dtype}"}  # type: ignore[attr-defined]
        if kind is dict or kind is np.ndarray or kind is list:
            key = ids.get(id(x))
            if key is not None:
                return {"$ref": key}
            ids[id(x)] = len(numbered)
            numbered.append(x)
            if kind is dict:
                items = x.items()  # type: ignore[attr-defined]
                return {
                    "$dict": [
                        [k if type(k) is str else enc(k, depth + 1), enc(v, depth + 1)] for k, v in items
                    ]
                }
            if kind is list:
                return {"$list": [enc(item, depth + 1) for item in x]}  # type: ignore[attr-defined]
            return _encode_array(x, code, buffers)  # type: ignore[arg-type]
        if kind is tuple:
            return {"$tuple": [enc(item, depth + 1) for item in x]}  # type: ignore[attr-defined]
        if kind is Separate:
            numbered.append(x)  # its id first, as decode registers it
            items, outside = [], dict(ids)
            for item in x:  # type: ignore[attr-defined]
                items.append(enc(item, depth + 1))
                ids.clear()
                ids.update(outside)  # what the item alone referred to is new again for the next
            return {"$list": items}
        if isinstance(x, np.generic) and type(x) is np.dtype(type(x)).type:
            return _encode_scalar(x)
        return {"$unsupported": kind.__qualname__}

    return enc(value, 0), buffers


def _native(dtype: np.dtype) -> np.dtype:
    return dtype.newbyteorder("=") if dtype.byteorder not in ("=", "|") else dtype


_WIRE_DTYPES: dict[np.dtype, str | None] = {}


def _wire_dtype(dtype: np.dtype) -> str | None:
    """The name ``dtype`` crosses under (native byte order), or ``None`` if it may not
    cross; remembered per dtype (a grading sends tens of thousands of arrays)."""
    code = _WIRE_DTYPES.get(dtype, "")
    if code == "":
        code = np.dtype(_native(dtype)).str
        code = _WIRE_DTYPES[dtype] = code if code in ALLOWED_DTYPES else None
    return code


def _encode_array(a: np.ndarray, code: str, buffers: list[memoryview]) -> dict:
    node: dict[str, object] = (
        {"$nd": list(a.shape)} if code == DEFAULT_DTYPE else {"$nd": list(a.shape), "dtype": code}
    )
    if a.flags.c_contiguous and a.dtype.isnative and a.size:
        buffers.append(memoryview(a).cast("B"))  # type: ignore[arg-type]  # its own bytes, uncopied
        return node
    contiguous = np.ascontiguousarray(a, dtype=_native(a.dtype))  # a copy only when it is not
    buffers.append(contiguous.reshape(-1).view(np.uint8).data)
    return node


def _encode_scalar(x: np.generic) -> object:
    if x.dtype.str not in ALLOWED_DTYPES:
        return {"$unsupported": f"numpy scalar of dtype {x.dtype}"}
    return {"$scalar": x.dtype.str, "value": x.item()}


# --------------------------------------------------------------------------- decoding


def decode(tree: object, buffers: list) -> object:
    """Rebuild a value from :func:`encode`'s output, validating every node.

    Objects (lists, dicts, arrays) are numbered in the order they appear, depth first, and
    ``{"$ref": k}`` names the k-th; arrays take the buffers in the same order, and every
    buffer is taken exactly once.

    Bounds: at most :data:`MAX_NODES` nodes on the wire, nested at most :data:`MAX_DEPTH`,
    and at most :data:`MAX_EXPANDED_NODES` nodes once every shared part is counted at each
    place it appears.  The last bound is for whatever reads the value as a tree (``repr``,
    a comparison, a copy that does not keep sharing): 1 KB of references to references
    would otherwise stand for a tree of 2**depth entries.
    """
    objects: list[object] = []
    expanded: list[int] = []  # object id -> its size as a tree (1 while it is built)
    nodes = arrays = 0

    def dec(x: object, depth: int) -> tuple[object, int]:
        """The rebuilt value of ``x`` and its size as a tree."""
        nonlocal nodes, arrays
        nodes += 1
        if nodes > MAX_NODES:
            raise WireError(f"value has more than {MAX_NODES} nodes")
        if depth > MAX_DEPTH:
            raise WireError(f"value nested deeper than {MAX_DEPTH} levels")
        kind = type(x)
        if kind is not dict:
            if x is None or kind is float or kind is str or kind is int or kind is bool:
                return x, 1
            raise WireError(f"unexpected JSON node of type {kind.__name__}")
        assert isinstance(x, dict)
        if "$nd" in x:
            array = _decode_array(x, buffers, arrays)
            arrays += 1
            objects.append(array)
            expanded.append(1)
            return array, 1
        if "$dict" in x:
            d: dict = {}
            key = len(objects)
            objects.append(d)
            expanded.append(1)  # a reference to it from inside itself (a cycle) counts once
            size = 1
            for pair in _as_list(x["$dict"]):
                if type(pair) is not list or len(pair) != 2:
                    raise WireError("dict entries must be [key, value] pairs")
                k, v = pair
                if type(k) is str:  # the usual key, a leaf: counted here, not decoded
                    nodes += 1
                    k_size = 1
                else:
                    k, k_size = dec(k, depth + 1)
                    if type(k) not in (str, int, float, bool, tuple) and k is not None:
                        raise WireError(f"unhashable dict key of type {type(k).__name__}")
                v, v_size = dec(v, depth + 1)
                d[k] = v
                size += k_size + v_size
                _within_expanded_bound(size)  # before the next pair
            expanded[key] = size
            return d, size
        if "$ref" in x:
            ref = x["$ref"]
            if type(ref) is not int or not 0 <= ref < len(objects):
                raise WireError(f"reference to unknown object {ref!r}")
            return objects[ref], expanded[ref]
        if "$tuple" in x:
            items = [dec(item, depth + 1) for item in _as_list(x["$tuple"])]
            return tuple(v for v, _ in items), _total(items)
        if "$list" in x:
            out: list = []
            key = len(objects)
            objects.append(out)
            expanded.append(1)
            items = [dec(item, depth + 1) for item in _as_list(x["$list"])]
            out.extend(v for v, _ in items)
            expanded[key] = size = _total(items)
            return out, size
        if "$scalar" in x:
            return _decode_scalar(x), 1
        if "$unsupported" in x:
            return Unsupported(str(x["$unsupported"])[:200]), 1
        raise WireError(f"unknown node with keys {sorted(x)[:5]}")

    value = dec(tree, 0)[0]
    if arrays != len(buffers):
        raise WireError(f"{len(buffers)} buffers for {arrays} arrays")
    return value


def _total(items: list[tuple[object, int]]) -> int:
    """The tree size of a container of ``items`` (value, size), within the bound."""
    return _within_expanded_bound(1 + sum(n for _, n in items))


def _within_expanded_bound(size: int) -> int:
    if size > MAX_EXPANDED_NODES:
        raise WireError(
            f"value has more than {MAX_EXPANDED_NODES} entries when its shared parts are "
            "counted where they appear (references to references)"
        )
    return size


def _as_list(x: object) -> list:
    if type(x) is not list:
        raise WireError("expected a JSON list")
    return x


_DTYPES = {code: np.dtype(code) for code in ALLOWED_DTYPES}


def _checked_dtype(name: object) -> np.dtype:
    dtype = _DTYPES.get(name) if type(name) is str else None
    if dtype is None:
        raise WireError(f"dtype {name!r} is not allowed")
    return dtype


def _decode_array(node: dict, buffers: list, index: int) -> np.ndarray:
    """The array of ``node``, built on buffer ``index`` (the arrays before it took the others)."""
    name = node.get("dtype", DEFAULT_DTYPE)
    dtype = _DTYPES.get(name) if type(name) is str else None
    if dtype is None:
        raise WireError(f"dtype {name!r} is not allowed")
    shape = node["$nd"]
    if type(shape) is not list or len(shape) > MAX_DIMS or not _all_sizes(shape):
        raise WireError(f"bad array shape {shape!r}")
    if index >= len(buffers):
        raise WireError(f"no buffer left for array {index} (there are {len(buffers)})")
    buffer = buffers[index]
    if math.prod(shape) * dtype.itemsize != len(buffer):
        raise WireError(
            f"array of shape {tuple(shape)} and dtype {dtype} needs {math.prod(shape) * dtype.itemsize} "
            f"bytes, got {len(buffer)}"
        )
    array = np.ndarray(shape, dtype, buffer)
    flags = array.flags  # a view of the frame's own bytearray when possible: the frame is ours alone
    return array if flags.writeable and flags.aligned else array.copy()


def _all_sizes(shape: list) -> bool:
    for n in shape:
        if type(n) is not int or n < 0:
            return False
    return True


def _decode_scalar(node: dict) -> np.generic:
    dtype = _checked_dtype(node.get("$scalar"))
    value = node.get("value")
    if type(value) not in (bool, int, float):
        raise WireError(f"bad scalar value {value!r}")
    try:
        return dtype.type(value)
    except (OverflowError, ValueError) as exc:
        raise WireError(f"scalar {value!r} does not fit {dtype}") from exc


# --------------------------------------------------------------------------- frames


#: Compact, and without the cycle check: ``encode`` builds a tree (sharing is ``$ref``s),
#: so there is no cycle to find; half the time of ``json.dumps``'s defaults.
_HEADER = json.JSONEncoder(separators=(",", ":"), check_circular=False)


def frame_parts(message: object) -> list:
    """``message`` as the byte strings of one frame: length, header, then each buffer.

    Frames under ``COALESCE_BYTES`` come as one part, so that they take one ``write``
    (one wake-up of the reader); big buffers are written from where they are, uncopied.
    """
    tree, buffers = encode(message)
    header = _HEADER.encode({"msg": tree, "buffers": [len(b) for b in buffers]}).encode()
    parts: list[bytes | memoryview] = [_LENGTH.pack(len(header)), header, *buffers]
    if sum(len(p) for p in parts) < COALESCE_BYTES:
        return [b"".join(parts)]
    return parts


def pack(message: object) -> bytes:
    """Encode ``message`` as one frame."""
    return b"".join(frame_parts(message))


def unpack_header(header: bytes | bytearray) -> tuple[object, list[int]]:
    """Parse a frame header; returns the encoded tree and the buffer sizes it announces."""
    try:
        doc = json.loads(header)
    except (UnicodeDecodeError, ValueError) as exc:
        raise WireError(f"frame header is not JSON: {exc}") from exc
    if type(doc) is not dict or set(doc) != {"msg", "buffers"}:
        raise WireError("frame header must hold exactly 'msg' and 'buffers'")
    sizes = doc["buffers"]
    if type(sizes) is not list or not all(type(n) is int and n >= 0 for n in sizes):
        raise WireError("bad buffer sizes")
    if sum(sizes) > MAX_PAYLOAD_BYTES:
        raise WireError(f"frame payload over {MAX_PAYLOAD_BYTES} bytes")
    return doc["msg"], sizes


def header_length(prefix: bytes | bytearray) -> int:
    (n,) = _LENGTH.unpack(prefix)
    if n > MAX_HEADER_BYTES:
        raise WireError(f"frame header of {n} bytes is over the {MAX_HEADER_BYTES} limit")
    return n


def split_buffers(payload: bytes | bytearray, sizes: list[int]) -> list[memoryview]:
    """Views of ``payload``, one per buffer (no copies)."""
    view, out, start = memoryview(payload), [], 0
    for n in sizes:
        out.append(view[start : start + n])
        start += n
    return out


def read_frame_blocking(fd: int) -> object:
    """Read one whole frame from ``fd`` (the worker's side: it may block)."""
    n = header_length(_read_exactly(fd, _LENGTH.size))
    tree, sizes = unpack_header(_read_exactly(fd, n))
    return decode(tree, split_buffers(_read_exactly(fd, sum(sizes)), sizes))


def write_frame(fd: int, message: object) -> None:
    for part in frame_parts(message):
        data = memoryview(part)
        while data:
            data = data[os.write(fd, data) :]


def _read_exactly(fd: int, n: int) -> bytearray:
    buffer = bytearray(n)
    view, done = memoryview(buffer), 0
    while done < n:
        got = os.readv(fd, [view[done:]])
        if not got:
            raise EOFError("the other side closed the channel")
        done += got
    return buffer
