"""Puts k inside the square root: learning_rate0 / sqrt(k * epoch_num)."""

import math


def update_lr_inverse_sqrt(learning_rate0, epoch_num, k=1.0):
    learning_rate = learning_rate0 / math.sqrt(k * epoch_num)
    return learning_rate
