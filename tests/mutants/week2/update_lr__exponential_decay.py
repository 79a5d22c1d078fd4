"""Uses exponential decay learning_rate0 * decay_rate ** epoch_num instead of 1 / (1 + decay_rate * epoch_num)."""


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 * decay_rate**epoch_num
