"""Returns an array larger than a frame may carry.

expect: update_lr error
"""
import numpy as np


def update_lr(learning_rate0, epoch_num, decay_rate):
    return np.ones(80_000_000)
