r"""Course 2 week 1, other regularization methods: L1, early stopping, data augmentation.

Course 2 week 1, "Other regularization methods": the L1 penalty beside the course's L2,
early stopping on the dev loss, and data augmentation of an image batch (flip, crop, shift).

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


# GRADED FUNCTION: flip_horizontal
def flip_horizontal(images, boxes):
    r"""Data augmentation: mirror every image left to right, and its box with it.

    .. math::

        \tilde x_{i, h, w, c} = x_{i, h, n_W - 1 - w, c}, \qquad
        (b_x, b_y, b_h, b_w) \mapsto (1 - b_x, b_y, b_h, b_w)

    with the course's box encoding: :math:`b_x, b_y` the centre relative to the image's
    width and height (in [0, 1]), :math:`b_h, b_w` its height and width.  A mirrored cat
    is still a cat: the label is the same, the box moves.  Flipping twice gives back the
    batch; pixel values are only moved, never changed.

    Parameters
    ----------
    images : ndarray of shape (m, n_H, n_W, n_C)
    boxes : ndarray of shape (m, 4)
        One box ``(b_x, b_y, b_h, b_w)`` per image, in the same order.

    Returns
    -------
    flipped_images : ndarray of shape (m, n_H, n_W, n_C)
    flipped_boxes : ndarray of shape (m, 4)
        New arrays; the arguments are left unchanged.
    """
    # YOUR CODE STARTS HERE
    raise NotImplementedError
    # YOUR CODE ENDS HERE
    return flipped_images, flipped_boxes


# GRADED FUNCTION: random_crop
def random_crop(images, crop_height, crop_width, seed):
    r"""Data augmentation: a random ``crop_height`` x ``crop_width`` window of every image.

    For image :math:`i` draw its own top-left corner, uniformly over every window that fits,

    .. math::

        t_i \sim \mathcal U\{0, \dots, n_H - h\}, \qquad l_i \sim \mathcal U\{0, \dots, n_W - w\},
        \qquad \tilde x_i = x_i[t_i : t_i + h,\ l_i : l_i + w,\ :]

    (``rng.integers(0, n_H - h + 1)``: the upper bound of ``integers`` is exclusive).  The
    randomness comes from ``rng = np.random.default_rng(seed)``: the same seed gives the same
    crops.  (A seed rather than a ``Generator`` argument because the grader calls the function
    in another process, and only plain data crosses.)

    Parameters
    ----------
    images : ndarray of shape (m, n_H, n_W, n_C)
    crop_height, crop_width : int
        ``1 <= crop_height <= n_H``, ``1 <= crop_width <= n_W``.
    seed : int

    Returns
    -------
    crops : ndarray of shape (m, crop_height, crop_width, n_C)
        Crop i is a contiguous window of image i: labels stay paired with their images.
    """
    rng = np.random.default_rng(seed)
    m, n_H, n_W, n_C = images.shape
    crops = np.empty((m, crop_height, crop_width, n_C), dtype=images.dtype)
    for i in range(m):
        # YOUR CODE STARTS HERE
        raise NotImplementedError
        # YOUR CODE ENDS HERE
    return crops


# GRADED FUNCTION: random_shift
def random_shift(images, max_shift, seed):
    r"""Data augmentation: move every image by a random offset, filling with zeros.

    For image :math:`i` draw :math:`(d_y, d_x)` uniformly in
    :math:`\{-s, \dots, s\}^2` with :math:`s` = ``max_shift``; then

    .. math::

        \tilde x_{i, h, w, c} = \begin{cases} x_{i, h - d_y, w - d_x, c} &
            \text{if } 0 \le h - d_y < n_H \text{ and } 0 \le w - d_x < n_W \\
            0 & \text{otherwise} \end{cases}

    so a positive :math:`d_y` moves the content down, a positive :math:`d_x` to the right,
    and what enters at the border is 0.  Pixels are only moved, never changed.  The
    randomness comes from ``rng = np.random.default_rng(seed)``.

    Parameters
    ----------
    images : ndarray of shape (m, n_H, n_W, n_C)
    max_shift : int
        ``s >= 0``; a shift may move an image entirely out of the frame (then it is all 0).
    seed : int

    Returns
    -------
    shifted : ndarray of shape (m, n_H, n_W, n_C)
    """
    rng = np.random.default_rng(seed)
    m, n_H, n_W, n_C = images.shape
    shifted = np.zeros_like(images)
    for i in range(m):
        # YOUR CODE STARTS HERE
        raise NotImplementedError
        # YOUR CODE ENDS HERE
    return shifted