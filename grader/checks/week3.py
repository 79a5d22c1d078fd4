r"""Checks for course 2 week 3: hyperparameter search, batch normalization, softmax.

Each class grades one function of :mod:`reference.tuning`, declared once as an
:class:`~grader.judge.exercises.Exercise` (:data:`EXERCISES`).  Besides matching the reference
on random inputs (batches of :class:`~grader.judge.strategies.Case`, one round trip each), the
checks test what the lectures teach, judged from the student's values alone:

* **Sampling on the right scale** is judged statistically: the log10 of the draws must be
  uniform on the range by the Kolmogorov-Smirnov distance, with a bound from the
  Dvoretzky-Kiefer-Wolfowitz inequality (Massart's constant; :func:`grader.judge.statistics.dkw`),
  valid for every sample size:
  :math:`P(\sup_x |F_n(x) - F(x)| > \varepsilon) \le 2 e^{-2 n \varepsilon^2}`.  With
  :data:`SAMPLES` draws and :data:`~grader.judge.statistics.FALSE_FAILURE` the bound is :data:`KS_BOUND`; a
  linear-scale sampler over one decade or more is off by at least :data:`LINEAR_DISTANCE`,
  more than ``2 * KS_BOUND``, so it fails with probability above ``1 - FALSE_FAILURE`` too.
  Seeds cross into the worker (a ``Generator`` cannot): the same seed must give the
  reference's draws.
* **Gradients** are checked against central differences of the *reference* forward pass
  (:func:`grader.judge.numerical.numerical_gradient`, step :data:`STEP`, tolerance :data:`NUMERICAL`), on fixed
  inputs computed once per grading.
* **Invariances**: a bias before batch norm is cancelled, softmax ignores a constant added
  to a column and does not overflow, C = 2 gives the sigmoid and the logistic cost.

A function is judged on its own: ``linear_batchnorm_forward`` runs with the reference's
``batchnorm_forward``, and ``train_softmax_classifier`` with the reference's batch norm,
softmax and running averages (``builds_on`` in :mod:`grader.assignments`,
:mod:`grader.boundary.blocks`), so a mistake in a block costs points once, in its own exercise, and
never excuses the function built on it: each is compared with the reference, and the
classifier must reach :data:`ACCURACY`.  Every block call is a round trip to the judge, so
the classifier trains on a small problem (:data:`~grader.checks.week3_inputs.TRAINING`: 30
mini-batches, 8 block calls each).  A property that a body computing nothing also has (the rows of a zero ``dZ`` sum to
0, the right keys, a constant cost repeated) counts only together with one it does not
(``@pytest.mark.needs``).

The assignment's exercises and checks are in three modules, each declaring its own
exercises: :mod:`grader.checks.week3_search` (sampling, coarse to fine),
:mod:`grader.checks.week3_batchnorm` and :mod:`grader.checks.week3_softmax`; this module
gathers them (the checks run in the notebook's order of their exercises whatever order they
are imported in, :class:`grader.judge.plugin.GradingPlugin`).  How the inputs are drawn
(samplers, fixed inputs, the numerical gradients, the classifier's data) is
:mod:`grader.checks.week3_inputs`; how a value is judged beyond comparing it with the
reference's (float arrays, the Kolmogorov-Smirnov test, numerical gradients, the
properties, the classifier's model and accuracy) is :mod:`grader.checks.week3_expect`.  The
constants named above are imported here from those two modules.
"""

from __future__ import annotations

from grader.checks.week3_batchnorm import (
    BATCHNORM_BACKWARD,
    BATCHNORM_FORWARD,
    BATCHNORM_FORWARD_TEST,
    LINEAR_BATCHNORM_FORWARD,
    RUNNING_AVERAGES,
    CheckBatchnormBackward,
    CheckBatchnormForward,
    CheckBatchnormForwardTest,
    CheckLinearBatchnormForward,
    CheckUpdateRunningAverages,
)
from grader.checks.week3_expect import (
    ACCURACY,  # noqa: F401  (the tests read it here)
    KS_BOUND,  # noqa: F401  (the tests read it here)
    LINEAR_DISTANCE,  # noqa: F401  (the tests read it here)
    NUMERICAL,  # noqa: F401  (the tests read it here)
    ks_distance,  # noqa: F401  (the tests read it here)
)
from grader.checks.week3_inputs import (
    BETA_RANGES,  # noqa: F401  (the tests read it here)
    SAMPLES,  # noqa: F401  (the tests read it here)
    batchnorm_gradient_cases,  # noqa: F401  (the tests read it here)
    classifier_data,  # noqa: F401  (the tests read it here)
    softmax_gradient_cases,  # noqa: F401  (the tests read it here)
)
from grader.checks.week3_search import (
    COARSE_TO_FINE,
    SAMPLE_BETA,
    SAMPLE_LEARNING_RATE,
    CheckCoarseToFine,
    CheckSampleBeta,
    CheckSampleLearningRate,
)
from grader.checks.week3_softmax import (
    CLASSIFIER,
    SOFTMAX,
    SOFTMAX_BACKWARD,
    SOFTMAX_COST,
    CheckComputeSoftmaxCost,
    CheckSoftmax,
    CheckSoftmaxBackward,
    CheckTrainSoftmaxClassifier,
)
from grader.judge.exercises import declare
from grader.judge.statistics import FALSE_FAILURE  # noqa: F401  (the tests read it here)

__all__ = [
    "CheckSampleLearningRate",
    "CheckSampleBeta",
    "CheckCoarseToFine",
    "CheckBatchnormForward",
    "CheckBatchnormBackward",
    "CheckUpdateRunningAverages",
    "CheckBatchnormForwardTest",
    "CheckLinearBatchnormForward",
    "CheckSoftmax",
    "CheckComputeSoftmaxCost",
    "CheckSoftmaxBackward",
    "CheckTrainSoftmaxClassifier",
]

EXERCISES = declare(SAMPLE_LEARNING_RATE, SAMPLE_BETA, COARSE_TO_FINE, BATCHNORM_FORWARD, BATCHNORM_BACKWARD,
                    RUNNING_AVERAGES, BATCHNORM_FORWARD_TEST, LINEAR_BATCHNORM_FORWARD, SOFTMAX, SOFTMAX_COST,
                    SOFTMAX_BACKWARD, CLASSIFIER)  # fmt: skip
