r"""The week 2 training loop: the course's ``model`` for the 3-layer network, with
gradient descent, momentum, RMSprop or Adam on shuffled mini-batches."""

from .nn_helpers import (
    backward_propagation,
    compute_cost,
    forward_propagation,
    initialize_parameters,
)
from .optimization import (
    initialize_adam,
    initialize_velocity,
    random_mini_batches,
    update_parameters_with_adam,
    update_parameters_with_gd,
    update_parameters_with_momentum,
)
from .optimization_extras import initialize_rmsprop, update_parameters_with_rmsprop

OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")


def _make_step(optimizer, parameters, beta, beta1, beta2, epsilon):
    r"""Return ``step(parameters, grads, learning_rate) -> parameters`` for ``optimizer``.

    The step owns the optimizer's state, initialized from ``parameters``: the velocity ``v``,
    the squared-gradient average ``s``, and Adam's step counter ``t`` (1 at the first step).
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}; expected one of {OPTIMIZERS}")
    if optimizer == "gd":
        return update_parameters_with_gd
    if optimizer == "momentum":
        v = initialize_velocity(parameters)

        def momentum_step(parameters, grads, learning_rate):
            return update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)[0]

        return momentum_step
    if optimizer == "rmsprop":
        s = initialize_rmsprop(parameters)

        def rmsprop_step(parameters, grads, learning_rate):
            return update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon)[0]

        return rmsprop_step
    v, s = initialize_adam(parameters)
    t = 0

    def adam_step(parameters, grads, learning_rate):
        nonlocal t
        t = t + 1
        return update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)[
            0
        ]

    return adam_step


def model(
    X,
    Y,
    layers_dims,
    optimizer,
    learning_rate=0.0007,
    mini_batch_size=64,
    beta=0.9,
    beta1=0.9,
    beta2=0.999,
    epsilon=1e-8,
    num_epochs=5000,
    print_cost=False,
    decay=None,
    decay_rate=1,
):
    r"""Train the 3-layer network of :mod:`reference.nn_helpers` as the course does.

    Epoch ``i`` (from 0) shuffles with ``seed = 11 + i`` (the course starts at 10 and
    adds 1 before each epoch), takes one optimizer step per mini-batch, and records
    the epoch's cost :math:`\frac{1}{m} \sum_{batches} J_{sum}`. With ``decay``, the learning
    rate after epoch ``i`` is ``decay(learning_rate0, i, decay_rate)``, ``learning_rate0`` the
    initial one.

    Parameters
    ----------
    X : ndarray of shape (n_0, m)
        Training inputs, one example per column.
    Y : ndarray of shape (1, m)
        Labels 0 or 1.
    layers_dims : list of int
        ``[n_0, n_1, n_2, 1]``.
    optimizer : {"gd", "momentum", "rmsprop", "adam"}
        RMSprop uses ``beta2`` and ``epsilon``; momentum uses ``beta``.
    learning_rate : float, default 0.0007
        Initial learning rate :math:`\alpha_0`.
    mini_batch_size, num_epochs : int
        Default 64 and 5000.
    beta, beta1, beta2, epsilon : float
        Optimizer hyperparameters, default 0.9, 0.9, 0.999, 1e-8.
    print_cost : bool, default False
        Ignored: kept for the course's signature; nothing is printed.
    decay : callable or None
        ``decay(learning_rate0, epoch_num, decay_rate) -> learning_rate``, e.g.
        ``update_lr`` or ``schedule_lr_decay``.
    decay_rate : float, default 1

    Returns
    -------
    parameters : dict
        The trained ``"W1", "b1", ..., "W3", "b3"``.
    costs : list of float
        Mean cost of each epoch, ``num_epochs`` entries.

    Raises
    ------
    ValueError
        If ``optimizer`` is not one of the four names.
    """
    parameters = initialize_parameters(layers_dims)
    step = _make_step(optimizer, parameters, beta, beta1, beta2, epsilon)
    m = X.shape[1]
    learning_rate0 = learning_rate
    seed = 10
    costs = []
    for i in range(num_epochs):
        seed = seed + 1
        cost_total = 0.0
        mini_batches = random_mini_batches(X, Y, mini_batch_size, seed)
        for mini_batch_X, mini_batch_Y in mini_batches:
            a3, cache = forward_propagation(mini_batch_X, parameters)
            cost_total += compute_cost(a3, mini_batch_Y)
            grads = backward_propagation(mini_batch_X, mini_batch_Y, cache)
            parameters = step(parameters, grads, learning_rate)
        costs.append(cost_total / m)
        if decay is not None:
            learning_rate = decay(learning_rate0, i, decay_rate)
    return parameters, costs
