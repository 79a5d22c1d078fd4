"""Counts epochs from 1: learning_rate0 * base ** (epoch_num - 1)."""


def update_lr_exponential(learning_rate0, epoch_num, base=0.95):
    learning_rate = learning_rate0 * base ** (epoch_num - 1)
    return learning_rate
