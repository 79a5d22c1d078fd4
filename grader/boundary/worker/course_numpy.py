r"""numpy as the course's notebooks knew it: the numpy 1.x idioms student code relies on.

The Coursera notebooks of every year (2017 to 2025) ran on numpy 1.x; the worker runs
whatever numpy the grading machine has (2.x).  :func:`install` is applied once, before the
submission loads, and gives student code the 1.x behaviour of two kinds of idiom:

* **names numpy 2 removed** (:data:`REMOVED_NAMES`): ``np.float``, ``np.int``,
  ``np.complex``, ``np.object``, ``np.str`` (the 1.x aliases of the builtins), ``np.float_``,
  ``np.NaN``, ``np.Inf``, ``np.product``, ``np.asscalar``, ...  Each is set on the numpy
  module only where numpy lacks it, so no name numpy defines changes meaning (``np.bool``
  and ``np.long`` are numpy 2's own: the same dtypes as the 1.x aliases).
* **float(), int(), complex() of a size-1 array** (``float(b)`` with ``b`` of shape
  (1, 1, 1), as the 2018+ ``conv_single_step`` template says): numpy 1.x returned the
  element; numpy 2.4 raises ``TypeError``.  The submission's builtins are a copy of the
  real ones in which these three names are :class:`CourseConversion` classes: calling one
  returns exactly what the builtin returns, for a size-1 array the builtin of its element,
  and ``isinstance``, ``issubclass``, ``==`` and hashing treat each as the builtin it
  stands for (``type(x) == float`` holds; ``type(x) is float`` is the one spelling that
  does not), so dtypes (``dtype=float``, ``astype(int)``) are the builtins'.

Only student code sees the conversions (helper modules keep the real builtins); the judge
never installs this module and keeps its numpy.  Not covered, because numpy does them in C:
assigning a size-1 array to one element (``Z[i, h, w, c] = z`` with ``z`` of shape
(1, 1, 1)), ``math`` functions and ``%`` formatting of a size-1 array, and ``np.array(x,
copy=False)`` (no course notebook uses it).  NEP 50 promotion (``np.float32(x) + 0.1`` stays
float32 in numpy 2) cannot be undone in numpy >= 2.2 and does not matter for grading: only
float32/float16 *scalars* meeting Python numbers change, no check sends such values, and the
difference (~1e-7 relative) is inside the checks' tolerances.

Cost: a conversion is one Python-level call, about 1 µs where the builtin takes 0.05 µs
(measured on a loaded 2-core machine); a ``conv_single_step`` took 17.3 µs with ``float(b)``
and 16.9 µs with ``float(b[0, 0, 0])``.  Importing and installing this module takes ~2 ms.
"""

from __future__ import annotations

import builtins
import types
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, DTypeLike


class CourseConversion(type):
    """The type of ``float``, ``int`` and ``complex`` as student code sees them.

    Each such class stands for a builtin (:attr:`stands_for`): calling it returns what the builtin returns
    (never an instance of the class itself), with a size-1 array of any number of
    dimensions converted through its one element, as numpy 1.x did.  Subclasses that
    student code defines are ordinary subclasses of the builtin.
    """

    stands_for: type | None  # the builtin; None for a student's subclass, an ordinary class

    def __init__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, object]) -> None:
        super().__init__(name, bases, namespace)
        builtin = namespace.get("stands_for")
        cls.stands_for = builtin if isinstance(builtin, type) else None

    def __call__(cls, *args: object, **kwargs: object) -> object:
        if len(args) == 1 and isinstance(args[0], np.ndarray) and not kwargs:
            args = (element_of_size_one(args[0]),)
        builtin = cls.stands_for
        return super().__call__(*args, **kwargs) if builtin is None else builtin(*args, **kwargs)

    def __instancecheck__(cls, obj: object) -> bool:
        builtin = cls.stands_for
        return type.__instancecheck__(cls, obj) if builtin is None else isinstance(obj, builtin)

    def __subclasscheck__(cls, sub: type) -> bool:
        builtin = cls.stands_for
        return type.__subclasscheck__(cls, sub) if builtin is None else issubclass(sub, builtin)

    def __eq__(cls, other: object) -> bool:
        return other is cls or (cls.stands_for is not None and other is cls.stands_for)

    def __hash__(cls) -> int:
        return type.__hash__(cls) if cls.stands_for is None else hash(cls.stands_for)


def element_of_size_one(value: np.ndarray) -> object:
    """The one element of an array of size 1 and at least one dimension; else ``value``."""
    if value.ndim > 0 and value.size == 1:
        return value.flat[0]
    return value


def course_conversion(builtin: type) -> CourseConversion:
    """The class standing for ``builtin`` (``float``, ``int`` or ``complex``): a subclass
    of it named like it, whose ``dtype`` is the builtin's (numpy reads that attribute where
    a type is given as a dtype)."""
    namespace = {
        "stands_for": builtin,
        "dtype": np.dtype(builtin),
        "__module__": "builtins",
        "__qualname__": builtin.__qualname__,
        "__doc__": builtin.__doc__,
    }
    return CourseConversion(builtin.__name__, (builtin,), namespace)


COURSE_FLOAT = course_conversion(builtins.float)
COURSE_INT = course_conversion(builtins.int)
COURSE_COMPLEX = course_conversion(builtins.complex)
CONVERSIONS = {"float": COURSE_FLOAT, "int": COURSE_INT, "complex": COURSE_COMPLEX}


def asscalar(a: np.ndarray) -> object:
    """numpy 1.x ``np.asscalar``: the Python scalar of a size-1 array."""
    return a.item()


def asfarray(a: ArrayLike, dtype: DTypeLike = np.float64) -> np.ndarray:
    """numpy 1.x ``np.asfarray``: ``a`` as an array of an inexact dtype (float64 unless
    ``dtype`` is inexact)."""
    if not np.issubdtype(dtype, np.inexact):
        dtype = np.float64
    return np.asarray(a, dtype=dtype)


def msort(a: ArrayLike) -> np.ndarray:
    """numpy 1.x ``np.msort``: a sorted copy along the first axis."""
    return np.sort(a, axis=0)


def in1d(ar1: ArrayLike, ar2: ArrayLike, assume_unique: bool = False, invert: bool = False) -> np.ndarray:
    """numpy 1.x ``np.in1d``: whether each element of the flattened ``ar1`` is in ``ar2``."""
    return np.isin(np.asarray(ar1).ravel(), ar2, assume_unique=assume_unique, invert=invert)


# numpy 1.x names that numpy 2 removed, with what they were.  Set where numpy lacks them.
REMOVED_NAMES: dict[str, object] = {
    # aliases of the builtins (removed in 1.24)
    "float": COURSE_FLOAT,
    "int": COURSE_INT,
    "complex": COURSE_COMPLEX,
    "object": builtins.object,
    "str": builtins.str,
    "unicode": builtins.str,
    # scalar type aliases
    "float_": np.float64,
    "complex_": np.complex128,
    "cfloat": np.complex128,
    "singlecomplex": np.complex64,
    "longfloat": np.longdouble,
    "longcomplex": np.clongdouble,
    "clongfloat": np.clongdouble,
    "string_": np.bytes_,
    "unicode_": np.str_,
    "int0": np.intp,
    "uint0": np.uintp,
    "bool8": np.bool_,
    "object0": np.object_,
    "str0": np.str_,
    "bytes0": np.bytes_,
    "void0": np.void,
    # constants
    "NaN": np.nan,
    "NAN": np.nan,
    "Inf": np.inf,
    "Infinity": np.inf,
    "infty": np.inf,
    "PINF": np.inf,
    "NINF": -np.inf,
    "PZERO": 0.0,
    "NZERO": -0.0,
    # functions
    "product": np.prod,
    "cumproduct": np.cumprod,
    "alltrue": np.all,
    "sometrue": np.any,
    "round_": np.round,
    "row_stack": np.vstack,
    "trapz": getattr(np, "trapezoid", None),
    "in1d": in1d,
    "asscalar": asscalar,
    "asfarray": asfarray,
    "msort": msort,
    "mat": np.asmatrix,
}


def install_removed_names(numpy: types.ModuleType) -> list[str]:
    """Give ``numpy`` each of :data:`REMOVED_NAMES` it lacks; the names set, in order."""
    missing = [name for name, value in REMOVED_NAMES.items() if value is not None and name not in vars(numpy)]
    for name in missing:
        setattr(numpy, name, REMOVED_NAMES[name])
    return missing


def course_builtins() -> types.ModuleType:
    """A copy of the builtins module whose ``float``, ``int`` and ``complex`` are the
    course's (:data:`CONVERSIONS`); everything else is the real builtins' own object."""
    module = types.ModuleType("builtins", builtins.__doc__)
    module.__dict__.update(vars(builtins))
    module.__dict__.update(CONVERSIONS)
    return module


def install(namespace: dict) -> None:
    """Give the submission's ``namespace`` the course's numpy 1.x semantics (module doc):
    the removed names on the numpy module (for the submission and the course helpers
    alike), the size-1 conversions in the namespace's builtins.  Idempotent."""
    install_removed_names(np)
    namespace["__builtins__"] = course_builtins()
