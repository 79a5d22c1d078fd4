r"""Course 3, "Structuring machine learning projects", as exercises: single-number evaluation
metrics, optimizing and satisficing metrics, a weighted error, the error decomposition with
a train-dev set, error analysis by tally, and the multi-task loss with unlabeled entries.

The course has no programming assignment; these functions turn its lectures into code.
Binary labels are 0/1 integer arrays of shape (m,) or (1, m); error rates are numbers in
one unit (fractions or percentages) and each function returns them in that unit.
"""

import numpy as np


# GRADED FUNCTION: precision_recall_f1
def precision_recall_f1(y_true, y_pred):
    r"""Precision, recall and their harmonic mean, the F1 score, of binary predictions.

    With :math:`TP, FP, FN` the numbers of true positives, false positives and false
    negatives (label 1 is the positive class, e.g. "cat"):

    .. math::

        P = \frac{TP}{TP + FP}, \qquad R = \frac{TP}{TP + FN}, \qquad
        F_1 = \frac{2}{1/P + 1/R} = \frac{2 P R}{P + R}

    Zero division gives 0.0: :math:`P = 0` when nothing is predicted positive,
    :math:`R = 0` when nothing is actually positive, :math:`F_1 = 0` when :math:`P + R = 0`.
    True negatives count in none of the three.

    Parameters
    ----------
    y_true, y_pred : ndarray of shape (m,) or (1, m)
        True and predicted labels, 0 or 1, of the same m >= 1 examples (the same shape).

    Returns
    -------
    precision, recall, f1 : tuple of float
        Each in [0, 1].
    """
    # BEGIN SOLUTION
    tp = int(np.sum((y_pred == 1) & (y_true == 1)))
    fp = int(np.sum((y_pred == 1) & (y_true == 0)))
    fn = int(np.sum((y_pred == 0) & (y_true == 1)))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    # END SOLUTION
    return precision, recall, f1


# GRADED FUNCTION: choose_classifier
def choose_classifier(accuracies, running_times, max_time=100):
    r"""The classifier to pick with accuracy as the optimizing metric and running time as
    a satisficing one.

    .. math::

        \hat k = \operatorname*{arg\,max}_{k \,:\, t_k \le t_{max}} a_k

    The constraint is inclusive (a running time of exactly ``max_time`` is good enough).
    A tie in accuracy goes to the first classifier (the lowest index); when no classifier
    meets the constraint the answer is ``None``.

    Parameters
    ----------
    accuracies : ndarray of shape (n,)
        Accuracy of each of the n >= 1 classifiers (higher is better).
    running_times : ndarray of shape (n,)
        Their running times, e.g. in milliseconds.
    max_time : float, default 100
        The largest acceptable running time, in the unit of ``running_times``.

    Returns
    -------
    index : int or None
        Index of the chosen classifier, or None when none runs within ``max_time``.
    """
    # BEGIN SOLUTION
    feasible = np.flatnonzero(running_times <= max_time)  # (k,) indices, increasing
    if feasible.size == 0:
        return None
    index = int(feasible[np.argmax(accuracies[feasible])])  # argmax: the first of equal maxima
    # END SOLUTION
    return index


# GRADED FUNCTION: weighted_error
def weighted_error(y_true, y_pred, weights):
    r"""Classification error in which some mistakes cost more than others.

    .. math::

        \text{error} = \frac{\sum_{i=1}^{m} w^{(i)}\, \mathbb{1}\{\hat y^{(i)} \ne y^{(i)}\}}
                            {\sum_{i=1}^{m} w^{(i)}}

    The lecture's example gives weight 1 to ordinary images and 10 to pornographic ones, so
    that letting a pornographic image through costs ten ordinary mistakes.  Dividing by the
    sum of the weights (not by m) keeps the error in [0, 1]; with unit weights it is the
    ordinary error rate.

    Parameters
    ----------
    y_true, y_pred : ndarray of shape (m,) or (1, m)
        True and predicted labels of the same m >= 1 examples.
    weights : ndarray of the same shape
        Non-negative weights with a positive sum.

    Returns
    -------
    error : float
        In [0, 1].
    """
    # BEGIN SOLUTION
    mistakes = y_pred != y_true  # same shape, bool
    error = float(np.sum(weights * mistakes) / np.sum(weights))
    # END SOLUTION
    return error


# GRADED FUNCTION: error_decomposition
def error_decomposition(human_error, train_error, train_dev_error, dev_error, test_error):
    r"""Split the gap between human-level and test error into the four gaps of the lectures.

    The train-dev set comes from the training distribution but is not trained on, so it
    separates variance from data mismatch:

    .. math::

        \text{avoidable bias} &= e_{train} - e_{human} \\
        \text{variance} &= e_{train\text{-}dev} - e_{train} \\
        \text{data mismatch} &= e_{dev} - e_{train\text{-}dev} \\
        \text{overfitting to dev} &= e_{test} - e_{dev}

    The four add up to :math:`e_{test} - e_{human}`.  A gap may be negative (a dev
    distribution easier than the training one gives a negative data mismatch).

    Parameters
    ----------
    human_error, train_error, train_dev_error, dev_error, test_error : float
        Error rates in one unit; human-level error stands in for Bayes error.

    Returns
    -------
    gaps : dict
        ``{"avoidable_bias": float, "variance": float, "data_mismatch": float,
        "overfitting_to_dev": float}``.
    """
    # BEGIN SOLUTION
    gaps = {
        "avoidable_bias": train_error - human_error,
        "variance": train_dev_error - train_error,
        "data_mismatch": dev_error - train_dev_error,
        "overfitting_to_dev": test_error - dev_error,
    }
    # END SOLUTION
    return gaps


# GRADED FUNCTION: next_lever
def next_lever(human_error, train_error, train_dev_error, dev_error, test_error):
    r"""The largest of the four gaps of :func:`error_decomposition`: the one to work on next.

    .. math::

        \operatorname*{arg\,max}_{g} \; \text{gap}_g, \qquad
        g \in (\text{avoidable\_bias}, \text{variance}, \text{data\_mismatch},
        \text{overfitting\_to\_dev})

    A tie goes to the earlier gap in that order (the pipeline's order: fix bias before
    variance, as the basic recipe does).  Each gap calls for its own lever:

    * ``"avoidable_bias"``: a bigger model, training longer, a better optimizer (momentum,
      RMSprop, Adam) or architecture;
    * ``"variance"``: more data, regularization (L2, dropout, data augmentation);
    * ``"data_mismatch"``: manual error analysis of the dev set, then training data more
      like it (collect it, or synthesize it artificially);
    * ``"overfitting_to_dev"``: a bigger dev set.

    Parameters
    ----------
    human_error, train_error, train_dev_error, dev_error, test_error : float
        Error rates in one unit, as for :func:`error_decomposition`.

    Returns
    -------
    gap : str
        One of ``"avoidable_bias"``, ``"variance"``, ``"data_mismatch"``, ``"overfitting_to_dev"``.
    """
    # BEGIN SOLUTION
    gaps = {
        "avoidable_bias": train_error - human_error,
        "variance": train_dev_error - train_error,
        "data_mismatch": dev_error - train_dev_error,
        "overfitting_to_dev": test_error - dev_error,
    }
    gap = max(gaps, key=gaps.get)  # max keeps the first of equal values: a tie goes to the earlier gap
    # END SOLUTION
    return gap


# GRADED FUNCTION: error_analysis_tally
def error_analysis_tally(tags, dev_error):
    r"""The error analysis spreadsheet: how many of the mislabeled dev examples fall in each
    category, and the most that fixing the category could gain.

    With m mislabeled examples and :math:`n_c` of them tagged with category c:

    .. math::

        \text{fraction}_c = \frac{n_c}{m}, \qquad
        \text{max\_reduction}_c = \text{fraction}_c \cdot e_{dev}

    An example may carry several tags and counts once in each of its categories, so the
    fractions may add up to more than 1; a tag repeated within one example counts once.  An
    example without tags still counts in m.  Fixing every mistake of category c would lower
    the dev error from :math:`e_{dev}` to :math:`e_{dev} - \text{max\_reduction}_c` at best:
    the ceiling on what working on c can bring (5% of the mistakes at 10% dev error: 0.5%).

    Parameters
    ----------
    tags : list of list of str
        One list per mislabeled dev example (m >= 1 of them), e.g.
        ``[["dog"], ["blurry", "great cat"], []]``.
    dev_error : float
        The current dev error, in any unit (fraction or percentage).

    Returns
    -------
    tally : dict
        One key per category that occurs in ``tags``, each mapping to
        ``{"count": int, "fraction": float, "max_reduction": float}``.
    """
    m = len(tags)
    # BEGIN SOLUTION
    counts = {}
    for example in tags:
        for category in dict.fromkeys(example):  # each tag once, in the order it first appears
            counts[category] = counts.get(category, 0) + 1
    tally = {
        c: {"count": n, "fraction": n / m, "max_reduction": n / m * dev_error} for c, n in counts.items()
    }
    # END SOLUTION
    return tally


# GRADED FUNCTION: multitask_loss
def multitask_loss(Y, Y_hat):
    r"""The multi-task logistic loss, skipping the entries whose label is unknown.

    Each example i has a 0/1 label for each of the n tasks (e.g. pedestrian, car, stop
    sign, traffic light), or a "?" where nobody labeled it; "?" is written ``np.nan``.
    With :math:`\mathcal{L}(\hat y, y) = -\big(y \log \hat y + (1 - y) \log(1 - \hat y)\big)`:

    .. math::

        J = \frac{1}{m} \sum_{i=1}^{m} \sum_{j \,:\, y^{(i)}_j \ne ?}
            \mathcal{L}\big(\hat y^{(i)}_j, y^{(i)}_j\big)

    The course's normalization: divided by the number m of examples (not of labeled
    entries), summed over the labeled tasks.  An unlabeled entry contributes nothing,
    whatever :math:`\hat y^{(i)}_j` is; with every entry labeled, J is the sum over the tasks
    of their cross-entropy costs.

    Parameters
    ----------
    Y : ndarray of shape (n, m)
        Labels 0.0, 1.0 or ``np.nan`` ("?"), float.
    Y_hat : ndarray of shape (n, m)
        Predicted probabilities, in (0, 1).

    Returns
    -------
    cost : float
    """
    m = Y.shape[1]
    # BEGIN SOLUTION
    labeled = ~np.isnan(Y)  # (n, m) bool
    y, y_hat = Y[labeled], Y_hat[labeled]  # (k,) each
    cost = float(np.sum(-(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))) / m)
    # END SOLUTION
    return cost
