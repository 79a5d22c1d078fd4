r"""The statistical tests of the checks, and the bounds that make them safe for right code.

A statistical check judges what a correct implementation may draw in any order (random
weights, dropout masks, sampled hyperparameters).  Each test accepts a statistic within a
bound that a correct implementation exceeds with probability at most ``delta``, by default
:data:`FALSE_FAILURE` = 1e-9 per test, whatever stream it draws from.  The bounds hold for
every sample size (no normal approximation).

Variance of weights (:func:`chi_square_band`, :func:`mean_bound`)
---------------------------------------------------------------------
If ``n`` weights are independent draws of :math:`\mathcal{N}(0, \sigma^2)`,
:math:`S = \sum_k w_k^2 / \sigma^2` follows a chi-square law with ``n`` degrees of freedom.
Markov's inequality applied to :math:`e^{sS}`, with the moment generating function
:math:`E e^{sS} = (1 - 2s)^{-n/2}` (:math:`s < 1/2`) and the best ``s``, gives the Chernoff
bounds, for :math:`t > 0` and :math:`0 < u < 1`,

.. math::

    P\big(S/n \ge 1 + t\big) \le e^{-\frac{n}{2}(t - \ln(1 + t))}, \qquad
    P\big(S/n \le 1 - u\big) \le e^{-\frac{n}{2}(-u - \ln(1 - u))}

Setting each to :math:`\delta / 2` and solving for ``t`` and ``u`` (the exponents grow
monotonically, so by bisection) gives the band of the mean square,
:math:`[\sigma^2 (1 - u), \sigma^2 (1 + t)]`, that a correct implementation leaves with
probability at most :math:`\delta`.  For :math:`n = 3000` and :math:`\delta = 10^{-9}` it is
about -16% / +18%; for :math:`n = 8000`, -10% / +11%.

The band holds for a uniform law of the same variance too: :math:`X = w^2 / \sigma^2` is
then :math:`3 U^2` (``U`` uniform on [0, 1]), with density :math:`1 / (2 \sqrt{3x})` on
[0, 3], and the chi-square density with one degree of freedom,
:math:`e^{-x/2} / \sqrt{2 \pi x}`, is above it near 0, below it from
:math:`x = \ln(6 / \pi)` to 3 and above it again after 3.  Two laws of the same mean whose
densities differ in the sign pattern +, -, + are in convex order (Karlin-Novikoff), so
:math:`E e^{sX} \le (1 - 2s)^{-1/2}` for every ``s`` and both Chernoff bounds carry over.

The sample mean of the weights is judged by the sub-Gaussian bound: a normal law has
:math:`E e^{\lambda w} = e^{\lambda^2 \sigma^2 / 2}`, and a uniform one of the same variance
(on :math:`[-a, a]`, :math:`a^2 = 3 \sigma^2`) has :math:`\sinh(\lambda a) / (\lambda a) \le
e^{\lambda^2 a^2 / 6}`, the same, so by Chernoff again

.. math:: P\big(|\bar w| \ge \varepsilon \sigma\big) \le 2 e^{-n \varepsilon^2 / 2},
    \qquad \varepsilon = \sqrt{2 \ln(2 / \delta) / n}

Fractions and distributions (:func:`hoeffding`, :func:`dkw`)
-----------------------------------------------------------------
The fraction :math:`\hat p` of ``n`` independent Bernoulli(``p``) draws obeys Hoeffding's
inequality, and the empirical distribution function :math:`F_n` of ``n`` draws of a
continuous law ``F`` the Dvoretzky-Kiefer-Wolfowitz inequality with Massart's constant;
the two bounds have the same form,

.. math:: P\big(|\hat p - p| \ge \varepsilon\big) \le 2 e^{-2 n \varepsilon^2}, \qquad
    P\big(\sup_x |F_n(x) - F(x)| > \varepsilon\big) \le 2 e^{-2 n \varepsilon^2},

so each accepts within :math:`\varepsilon = \sqrt{\ln(2 / \delta) / (2n)}`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

#: The chance that a correct implementation fails one statistical test.
FALSE_FAILURE = 1e-9

#: Bisection steps: the interval halves each time, far below a float's precision.
BISECTION_STEPS = 200


def smallest_crossing(exponent: Callable[[float], float], target: float, high: float) -> float:
    """The ``x`` in ``(0, high]`` where the increasing ``exponent`` (0 at 0) reaches ``target``,
    by bisection, rounded up (so the band it bounds is never narrower than the bound's)."""
    low = 0.0
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2
        low, high = (middle, high) if exponent(middle) < target else (low, middle)
    return high


def chi_square_band(n: int, delta: float = FALSE_FAILURE) -> tuple[float, float]:
    r"""``(1 - u, 1 + t)``: the band of :math:`S/n` for :math:`S \sim \chi^2_n` outside which
    a value has probability at most ``delta`` (``delta / 2`` on each side), from the Chernoff
    bounds in the module docstring.  Times :math:`\sigma^2`: the band of the mean square of
    ``n`` weights of variance :math:`\sigma^2` (normal or uniform)."""
    target = 2 * math.log(2 / delta) / n
    t = smallest_crossing(lambda x: x - math.log1p(x), target, 1e6)
    u = smallest_crossing(lambda x: -x - math.log1p(-x), target, 1.0 - 1e-15)
    return 1 - u, 1 + t


def within_variance_band(mean_square: float, variance: float, n: int, delta: float = FALSE_FAILURE) -> bool:
    """Whether ``mean_square`` of ``n`` weights is what weights of ``variance`` give, but
    for a chance of at most ``delta`` (:func:`chi_square_band`)."""
    low, high = chi_square_band(n, delta)
    return low * variance <= mean_square <= high * variance


def mean_bound(n: int, delta: float = FALSE_FAILURE) -> float:
    r""":math:`\varepsilon` with :math:`P(|\bar w| \ge \varepsilon \sigma) \le \delta` for the
    mean of ``n`` weights of variance :math:`\sigma^2`, normal or uniform (sub-Gaussian)."""
    return math.sqrt(2 * math.log(2 / delta) / n)


def hoeffding(n: int, delta: float = FALSE_FAILURE) -> float:
    r""":math:`\varepsilon` with :math:`P(|\hat p - p| \ge \varepsilon) \le \delta` for a mean of
    ``n`` Bernoulli draws."""
    return math.sqrt(math.log(2 / delta) / (2 * n))


def dkw(n: int, delta: float = FALSE_FAILURE) -> float:
    r""":math:`\varepsilon` with :math:`P(\sup_x |F_n(x) - F(x)| > \varepsilon) \le \delta` for
    the empirical distribution of ``n`` draws (DKW-Massart: the same form as :func:`hoeffding`)."""
    return hoeffding(n, delta)
