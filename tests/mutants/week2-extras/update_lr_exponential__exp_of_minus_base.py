"""Uses exp(-base * epoch_num) instead of base ** epoch_num."""

import numpy as np


def update_lr_exponential(learning_rate0, epoch_num, base=0.95):
    learning_rate = learning_rate0 * np.exp(-base * epoch_num)
    return learning_rate
