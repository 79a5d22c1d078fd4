"""Rounds epoch_num / epochs_per_drop instead of flooring it: each drop comes half an interval early."""


def update_lr_staircase(learning_rate0, epoch_num, drop=0.5, epochs_per_drop=10):
    learning_rate = learning_rate0 * drop ** round(epoch_num / epochs_per_drop)
    return learning_rate
