"""Divides after the power: learning_rate0 * drop ** epoch_num / epochs_per_drop."""


def update_lr_staircase(learning_rate0, epoch_num, drop=0.5, epochs_per_drop=10):
    learning_rate = learning_rate0 * drop**epoch_num / epochs_per_drop
    return learning_rate
