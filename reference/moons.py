r"""The "moons" data set of the week 2 assignment, in numpy only.

The course builds it with ``np.random.seed(3)`` and scikit-learn's
``make_moons(n_samples=300, noise=.2)``. :func:`make_moons` follows scikit-learn's
recipe step by step (same points, same shuffle, same noise draws), so
:func:`load_dataset` with a ``RandomState(3)`` gives the course's training set
without scikit-learn and without global seeding.
"""

import numpy as np


def make_moons(n_samples=300, noise=0.2, rng=None):
    r"""Two interleaving half circles with Gaussian noise, for binary classification.

    Class 0 lies on the upper half circle, class 1 on the lower one shifted right
    and down (before the noise, angles :math:`\phi` evenly spaced in :math:`[0, \pi]`):

    .. math::

        x^{(0)} = (\cos\phi,\ \sin\phi), \qquad
        x^{(1)} = (1 - \cos\phi,\ 1 - \sin\phi - 0.5)

    The points are then shuffled and every coordinate gets
    :math:`\mathcal{N}(0, \text{noise}^2)` added.

    Parameters
    ----------
    n_samples : int, default 300
        Number of points; class 0 gets ``n_samples // 2``, class 1 the rest.
    noise : float or None, default 0.2
        Standard deviation of the noise; None adds none.
    rng : numpy.random.Generator or numpy.random.RandomState, optional
        Source of the shuffle and the noise; None uses a fresh
        ``np.random.default_rng()``. A ``RandomState`` draws exactly what scikit-learn
        draws from the same state.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float
        The points, one per row.
    y : ndarray of shape (n_samples,), int
        The class of each point, 0 or 1.
    """
    if rng is None:
        rng = np.random.default_rng()
    n_out = n_samples // 2
    n_in = n_samples - n_out
    phi_out = np.linspace(0, np.pi, n_out)  # (n_out,)
    phi_in = np.linspace(0, np.pi, n_in)  # (n_in,)
    X = np.vstack(
        [
            np.append(np.cos(phi_out), 1 - np.cos(phi_in)),
            np.append(np.sin(phi_out), 1 - np.sin(phi_in) - 0.5),
        ]
    ).T  # (n_samples, 2)
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    order = np.arange(n_samples)
    rng.shuffle(order)  # scikit-learn's shuffle: one in-place shuffle of the indices
    X, y = X[order], y[order]
    if noise is not None:
        X = X + rng.normal(scale=noise, size=X.shape)
    return X, y


def load_dataset(n_samples=300, noise=0.2, seed=3):
    r"""The course's training set: ``make_moons`` drawn from ``RandomState(seed)``.

    Parameters
    ----------
    n_samples : int, default 300
        Number of examples m.
    noise : float, default 0.2
        Standard deviation of the Gaussian noise.
    seed : int, default 3
        Seed of the ``np.random.RandomState`` stream (the course seeds 3 globally).

    Returns
    -------
    train_X : ndarray of shape (2, m), float
        One example per column.
    train_Y : ndarray of shape (1, m), int
        Labels 0 or 1.
    """
    X, y = make_moons(n_samples, noise, rng=np.random.RandomState(seed))
    train_X = X.T  # (2, m)
    train_Y = y.reshape((1, y.shape[0]))  # (1, m)
    return train_X, train_Y
