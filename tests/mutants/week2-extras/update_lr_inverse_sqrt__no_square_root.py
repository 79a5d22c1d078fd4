"""Divides by the epoch instead of its square root: k / epoch_num * learning_rate0."""


def update_lr_inverse_sqrt(learning_rate0, epoch_num, k=1.0):
    learning_rate = k / epoch_num * learning_rate0
    return learning_rate
