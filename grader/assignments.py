r"""The registry of assignments: what each grades, where its checks and reference live.

Points are not here: they sit on the checks as ``@pytest.mark.points(n)`` markers, so a
check and its weight cannot drift apart.  ``grade list`` collects them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKS_DIR = Path(__file__).resolve().parent / "checks"


@dataclass(frozen=True)
class Assignment:
    name: str
    title: str
    exercises: tuple[str, ...]  # the graded functions, in notebook order
    checks: str  # module file in grader/checks/
    reference: str  # module file in reference/, graded as a submission by `grade validate`
    prelude: str = ""  # run in the worker before the submission (course helper globals)
    coursera_ids: tuple[str, ...] = ()  # notebook metadata coursera.graded_item_id
    notes: tuple[str, ...] = ()  # said with every grading
    # exercise -> the graded functions it builds on: its checks run it with the reference's
    # (grader/boundary/blocks.py), so a mistake in a block costs points once, in its own exercise
    builds_on: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    # a student release only: exercise -> how many checks the instructor's grading runs on
    # it (the release runs the public ones; grader.judge.public.coverage_note says the difference)
    instructor_checks: Mapping[str, int] = field(default_factory=dict, hash=False, compare=False)

    @property
    def checks_path(self) -> Path:
        return CHECKS_DIR / self.checks

    @property
    def reference_path(self) -> Path:
        return ROOT / "reference" / self.reference

    @property
    def stub_stem(self) -> Path:
        """``exercises/<name>``: the stub module is ``.py``, the notebook ``.ipynb``."""
        return ROOT / "exercises" / self.name.replace("-", "_")


COURSE_HELPERS = "import math\nimport numpy as np\nfrom opt_utils_v1a import *\n"

ASSIGNMENTS = {
    a.name: a
    for a in (
        Assignment(
            name="week2",
            title="Course 2 week 2: Optimization methods (the Coursera graded functions)",
            exercises=(
                "update_parameters_with_gd",
                "random_mini_batches",
                "initialize_velocity",
                "update_parameters_with_momentum",
                "initialize_adam",
                "update_parameters_with_adam",
                "update_lr",
                "schedule_lr_decay",
            ),
            checks="week2.py",
            reference="optimization.py",
            prelude=COURSE_HELPERS,
            coursera_ids=("Ckiv2",),
        ),
        Assignment(
            name="week2-extras",
            title="Course 2 week 2, further: weighted averages, RMSprop, decay schedules",
            exercises=(
                "exponentially_weighted_average",
                "bias_corrected_average",
                "initialize_rmsprop",
                "update_parameters_with_rmsprop",
                "update_lr_exponential",
                "update_lr_inverse_sqrt",
                "update_lr_staircase",
            ),
            checks="week2_extras.py",
            reference="optimization_extras.py",
            builds_on={"bias_corrected_average": ("exponentially_weighted_average",)},
            prelude=COURSE_HELPERS,
        ),
        Assignment(
            name="week1-initialization",
            title="Course 2 week 1: Initialization (zeros, random, He)",
            exercises=(
                "initialize_parameters_zeros",
                "initialize_parameters_random",
                "initialize_parameters_he",
            ),
            checks="week1_initialization.py",
            reference="initialization.py",
            prelude="import numpy as np\nfrom init_utils import *\n",
            coursera_ids=("XOESP",),
        ),
        Assignment(
            name="week1-regularization",
            title="Course 2 week 1: Regularization (L2 and dropout)",
            exercises=(
                "compute_cost_with_regularization",
                "backward_propagation_with_regularization",
                "forward_propagation_with_dropout",
                "backward_propagation_with_dropout",
            ),
            checks="week1_regularization.py",
            reference="regularization.py",
            prelude="import numpy as np\nfrom reg_utils import *\n",
            coursera_ids=("SXQaI",),
        ),
        Assignment(
            name="week1-gradient-checking",
            title="Course 2 week 1: Gradient checking",
            exercises=("forward_propagation", "backward_propagation", "gradient_check", "gradient_check_n"),
            checks="week1_gradient_checking.py",
            reference="gradient_checking.py",
            builds_on={"gradient_check": ("forward_propagation", "backward_propagation")},
            prelude="import numpy as np\nfrom gc_utils import *\n",
            coursera_ids=("n6NBD",),
        ),
        Assignment(
            name="week1-extras",
            title="Course 2 week 1, further: Xavier and Glorot, input normalization, splits, bias and variance",
            exercises=(
                "initialize_parameters_xavier",
                "initialize_parameters_glorot",
                "fit_normalizer",
                "normalize",
                "split_dataset",
                "diagnose_bias_variance",
            ),
            checks="week1_extras.py",
            reference="practical_aspects.py",
            prelude="import numpy as np\n",
        ),
        Assignment(
            name="week1-regularization-extras",
            title="Course 2 week 1, other regularization methods: L1, early stopping, data augmentation",
            exercises=(
                "compute_l1_regularization_cost",
                "backward_propagation_with_l1_regularization",
                "early_stopping",
                "flip_horizontal",
                "random_crop",
                "random_shift",
            ),
            checks="week1_regularization_extras.py",
            reference="regularization_extras.py",
            prelude="import numpy as np\n",
        ),
        Assignment(
            name="week3",
            title="Course 2 week 3: hyperparameter search, batch normalization, softmax",
            exercises=(
                "sample_learning_rate",
                "sample_beta",
                "coarse_to_fine",
                "batchnorm_forward",
                "batchnorm_backward",
                "update_running_averages",
                "batchnorm_forward_test",
                "linear_batchnorm_forward",
                "softmax",
                "compute_softmax_cost",
                "softmax_backward",
                "train_softmax_classifier",
            ),
            checks="week3.py",
            reference="tuning.py",
            builds_on={
                "linear_batchnorm_forward": ("batchnorm_forward",),
                "train_softmax_classifier": (
                    "batchnorm_forward",
                    "batchnorm_backward",
                    "update_running_averages",
                    "linear_batchnorm_forward",
                    "softmax",
                    "compute_softmax_cost",
                    "softmax_backward",
                ),
            },
            prelude="import numpy as np\n",
        ),
        Assignment(
            name="c4w1",
            title="Course 4 week 1: Convolution model, step by step (numpy, channels-last)",
            exercises=(
                "zero_pad",
                "conv_single_step",
                "conv_forward",
                "pool_forward",
                "conv_backward",
                "create_mask_from_window",
                "distribute_value",
                "pool_backward",
            ),
            checks="c4w1.py",
            reference="convolution.py",
            builds_on={
                "conv_forward": ("zero_pad", "conv_single_step"),
                "conv_backward": ("zero_pad",),
                "pool_backward": ("create_mask_from_window", "distribute_value"),
            },
            prelude="import numpy as np\n",
            coursera_ids=("qO8ng",),
        ),
        Assignment(
            name="c4w2",
            title="Course 4 week 2: residual blocks and 1x1 convolutions (numpy)",
            exercises=("identity_block", "conv_1x1", "bottleneck_cost"),
            checks="c4w2.py",
            reference="residual.py",
            prelude="import numpy as np\n",
        ),
        Assignment(
            name="c4w3",
            title="Course 4 week 3: IoU, YOLO filtering and non-max suppression, box encoding, sliding windows",
            exercises=(
                "iou",
                "yolo_filter_boxes",
                "yolo_non_max_suppression",
                "yolo_encode_box",
                "assign_anchor_box",
                "fc_to_conv",
                "sliding_windows_forward",
            ),
            checks="c4w3.py",
            reference="detection.py",
            builds_on={"sliding_windows_forward": ("conv_forward", "pool_forward", "fc_to_conv")},
            prelude="import numpy as np\n",
        ),
        Assignment(
            name="c4w4",
            title="Course 4 week 4: face verification and neural style transfer costs (numpy)",
            exercises=(
                "triplet_loss",
                "verification_probability",
                "verification_gradients",
                "compute_content_cost",
                "gram_matrix",
                "compute_layer_style_cost",
                "total_cost",
            ),
            checks="c4w4.py",
            reference="face_style.py",
            builds_on={
                "verification_gradients": ("verification_probability",),
                "compute_layer_style_cost": ("gram_matrix",),
            },
            prelude="import numpy as np\n",
        ),
        Assignment(
            name="c5w1",
            title="Course 5 week 1: RNN and LSTM cells, forward, step by step",
            exercises=("rnn_cell_forward", "rnn_forward", "lstm_cell_forward", "lstm_forward"),
            checks="c5w1.py",
            reference="rnn.py",
            builds_on={"rnn_forward": ("rnn_cell_forward",), "lstm_forward": ("lstm_cell_forward",)},
            prelude="import numpy as np\nfrom rnn_utils import *\n",
        ),
        Assignment(
            name="c3",
            title="Course 3: structuring ML projects: metrics, error analysis, multi-task loss",
            exercises=(
                "precision_recall_f1",
                "choose_classifier",
                "weighted_error",
                "error_decomposition",
                "next_lever",
                "error_analysis_tally",
                "multitask_loss",
            ),
            checks="c3.py",
            reference="metrics.py",
            builds_on={"next_lever": ("error_decomposition",)},
            prelude="import numpy as np\n",
        ),
    )
}


@dataclass(frozen=True)
class Group:
    """A name that stands for several assignments, e.g. a week with three notebooks.

    ``grade week1 FILE`` grades FILE against the member it is: the one whose Coursera
    item id the notebook carries, else the one whose functions it defines most.
    """

    name: str
    title: str
    members: tuple[str, ...]

    @property
    def exercises(self) -> tuple[str, ...]:
        return tuple(e for m in self.members for e in ASSIGNMENTS[m].exercises)


GROUPS: dict[str, Group] = {
    "week1": Group(
        "week1",
        "Course 2 week 1: the notebook a file is (initialization, regularization, gradient checking, extras)",
        (
            "week1-initialization",
            "week1-regularization",
            "week1-gradient-checking",
            "week1-extras",
            "week1-regularization-extras",
        ),
    ),
}


class UnknownAssignment(KeyError):
    pass


def get_assignment(name: str) -> Assignment:
    try:
        return ASSIGNMENTS[name]
    except KeyError:
        raise UnknownAssignment(f"unknown assignment {name!r}; choose one of: {', '.join(names())}") from None


def get_target(name: str) -> Assignment | Group:
    """An assignment or a group, by name."""
    return GROUPS[name] if name in GROUPS else get_assignment(name)


def names() -> list[str]:
    """Every name ``grade NAME`` accepts."""
    return [*GROUPS, *ASSIGNMENTS]


def choose_member(group: Group, graded_item_id: str | None, defined: set[str]) -> tuple[Assignment, str]:
    """The member of ``group`` a submission is, and why (for the notes)."""
    members = [ASSIGNMENTS[m] for m in group.members]
    for member in members:
        if graded_item_id and graded_item_id in member.coursera_ids:
            return member, f"graded as {member.name}: the notebook is Coursera item {graded_item_id}"
    overlap = [(len(defined & set(m.exercises)), m) for m in members]
    best_count = max(count for count, _ in overlap)
    best = [m for count, m in overlap if count == best_count]
    if best_count == 0 or len(best) > 1:
        options = ", ".join(m.name for m in (best if best_count else members))
        raise UnknownAssignment(
            f"cannot tell which {group.name} assignment this is ({options}); "
            f"name it, e.g. `grade {members[0].name} FILE`"
        )
    return best[0], f"graded as {best[0].name}: it defines {best_count} of its functions"
