r"""Course 2 week 1, other regularization methods: L1 regularization and early stopping.

Course 2 week 1, "Other regularization methods": the L1 penalty beside the course's L2,
and early stopping on the dev loss.

Write your code between `# YOUR CODE STARTS HERE` and `# YOUR CODE ENDS HERE` (delete
the `raise NotImplementedError` line), then run `grade week1-regularization-extras` in this folder.

Generated from reference/regularization_extras.py by `grade stubs`.
"""

import numpy as np


# GRADED FUNCTION: compute_l1_regularization_cost
def compute_l1_regularization_cost(parameters, lambd, m):
    r"""The L1 penalty on the weights of every layer (not the biases).

    .. math::

        J_{L1} = \frac{\lambda}{m} \sum_{l=1}^{L} \sum_{k,j} \big|W^{[l]}_{kj}\big|

    added to the cross-entropy cost as the lecture's L2 term
    :math:`\frac{\lambda}{2m} \sum_l \|W^{[l]}\|_F^2` is.  It is 0 exactly when every
    weight is 0, and linear in :math:`\lambda`.  L1 pushes weights to exactly zero
    (a sparse network), where L2 only shrinks them.

    Parameters
    ----------
    parameters : dict
        ``"W1", "b1", ..., "WL", "bL"``, L >= 1; only the ``W`` are penalized.
    lambd : float
        The regularization strength :math:`\lambda \ge 0` (``lambda`` is a Python keyword).
    m : int
        Number of training examples, >= 1.

    Returns
    -------
    L1_regularization_cost : float
    """
    L = len(parameters) // 2
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return L1_regularization_cost


# GRADED FUNCTION: backward_propagation_with_l1_regularization
def backward_propagation_with_l1_regularization(gradients, parameters, lambd, m):
    r"""Add the (sub)gradient of the L1 penalty to the plain gradients of every layer.

    .. math::

        dW^{[l]} \leftarrow dW^{[l]} + \frac{\lambda}{m} \operatorname{sign}\big(W^{[l]}\big),
        \qquad db^{[l]} \leftarrow db^{[l]}

    :math:`|w|` has derivative :math:`\operatorname{sign}(w)` wherever :math:`w \ne 0`; at
    :math:`w = 0` it has none, and any value in :math:`[-1, 1]` is a subgradient.  By
    convention the subgradient at 0 is 0 (``np.sign(0) == 0``): a weight that is exactly
    zero gets no push from the penalty.

    Parameters
    ----------
    gradients : dict
        The plain gradients ``"dW1", "db1", ..., "dWL", "dbL"`` (and possibly others, such
        as ``"dZ1"``), each shaped like the quantity it is the gradient of.
    parameters : dict
        ``"W1", "b1", ..., "WL", "bL"``, L >= 1.
    lambd : float
        The regularization strength :math:`\lambda \ge 0`.
    m : int
        Number of training examples, >= 1.

    Returns
    -------
    gradients : dict
        A new dict with the same keys: each ``dW`` with the penalty's gradient added, every
        other entry (the ``db`` included) as given.  The argument is left unchanged.
    """
    L = len(parameters) // 2
    regularized = dict(gradients)
    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        raise NotImplementedError
        # YOUR CODE ENDS HERE
    return regularized


# GRADED FUNCTION: early_stopping
def early_stopping(dev_losses, patience, min_delta=0.0):
    r"""Where training stops with a patience rule, and the epoch whose weights to keep.

    Training watches the dev loss :math:`J_t` after each epoch :math:`t = 0, 1, \dots`.
    The best epoch so far is the last one that *improved* on the best loss: with
    :math:`b` the best epoch before :math:`t`,

    .. math::

        t \text{ improves} \iff J_b - J_t > 0 \ \text{and}\  J_b - J_t \ge \delta_{min}

    so a loss equal to the best is no improvement (ties keep the earliest epoch), and with
    :math:`\delta_{min} > 0` neither is a decrease smaller than :math:`\delta_{min}`.
    Training stops at the first epoch :math:`t` with :math:`t - b \ge` ``patience``: it
    never stops less than ``patience`` epochs after the best.  If that never happens, it
    runs to the last epoch, :math:`n - 1`.  Only the epochs up to the stop are seen: what
    comes after cannot change the answer.

    Parameters
    ----------
    dev_losses : list of float
        The dev loss after each epoch, length n >= 1.
    patience : int
        Epochs without an improvement before stopping, >= 1.
    min_delta : float, default 0.0
        The smallest decrease that counts as an improvement, >= 0.

    Returns
    -------
    best_epoch : int
        The epoch whose weights to restore (0-based).
    stop_epoch : int
        The last epoch trained (0-based): ``best_epoch + patience``, or ``n - 1``.
    """
    best_epoch, best_loss = 0, dev_losses[0]
    stop_epoch = len(dev_losses) - 1
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return best_epoch, stop_epoch