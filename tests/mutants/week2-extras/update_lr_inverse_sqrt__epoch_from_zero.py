"""Counts epochs from 0: k / sqrt(epoch_num + 1) * learning_rate0."""

import math


def update_lr_inverse_sqrt(learning_rate0, epoch_num, k=1.0):
    learning_rate = k / math.sqrt(epoch_num + 1) * learning_rate0
    return learning_rate
