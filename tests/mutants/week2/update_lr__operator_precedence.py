"""Writes learning_rate0 / (1 + decay_rate) * epoch_num: multiplies by the epoch instead of dividing."""


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate) * epoch_num
