"""Compares each loss with the previous epoch's instead of with the best so far."""


def early_stopping(dev_losses, patience, min_delta=0.0):
    best_epoch = 0
    stop_epoch = len(dev_losses) - 1
    for t in range(1, len(dev_losses)):
        gain = dev_losses[t - 1] - dev_losses[t]
        if gain > 0 and gain >= min_delta:
            best_epoch = t
        elif t - best_epoch >= patience:
            stop_epoch = t
            break
    return best_epoch, stop_epoch
