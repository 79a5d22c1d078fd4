"""Multiplies by base * epoch_num instead of raising base to the power epoch_num."""


def update_lr_exponential(learning_rate0, epoch_num, base=0.95):
    learning_rate = learning_rate0 * base * epoch_num
    return learning_rate
