"""Takes the best epoch as np.argmin of the whole curve, epochs after the stop included."""

import numpy as np


def early_stopping(dev_losses, patience, min_delta=0.0):
    best_epoch, best_loss = 0, dev_losses[0]
    stop_epoch = len(dev_losses) - 1
    for t in range(1, len(dev_losses)):
        gain = best_loss - dev_losses[t]
        if gain > 0 and gain >= min_delta:
            best_epoch, best_loss = t, dev_losses[t]
        elif t - best_epoch >= patience:
            stop_epoch = t
            break
    return int(np.argmin(dev_losses)), stop_epoch
