"""Counts every epoch since the start, not since the best: stops after patience epochs whatever."""


def early_stopping(dev_losses, patience, min_delta=0.0):
    best_epoch, best_loss = 0, dev_losses[0]
    stop_epoch = len(dev_losses) - 1
    for t in range(1, len(dev_losses)):
        gain = best_loss - dev_losses[t]
        if gain > 0 and gain >= min_delta:
            best_epoch, best_loss = t, dev_losses[t]
        if t >= patience:
            stop_epoch = t
            break
    return best_epoch, stop_epoch
