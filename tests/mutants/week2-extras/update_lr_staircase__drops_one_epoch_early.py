"""Counts epochs from 1: floor((epoch_num + 1) / epochs_per_drop), so each drop comes one epoch early."""

import math


def update_lr_staircase(learning_rate0, epoch_num, drop=0.5, epochs_per_drop=10):
    learning_rate = learning_rate0 * drop ** math.floor((epoch_num + 1) / epochs_per_drop)
    return learning_rate
