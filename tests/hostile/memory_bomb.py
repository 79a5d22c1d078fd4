"""Allocates far more memory than the worker may have.

expect: update_lr failed error
"""
import numpy as np


def update_lr(learning_rate0, epoch_num, decay_rate):
    hog = [np.ones(2**27) for _ in range(100)]  # 100 GiB
    return float(len(hog))
