"""Ignores min_delta: any decrease is an improvement."""


def early_stopping(dev_losses, patience, min_delta=0.0):
    best_epoch, best_loss = 0, dev_losses[0]
    stop_epoch = len(dev_losses) - 1
    for t in range(1, len(dev_losses)):
        if dev_losses[t] < best_loss:
            best_epoch, best_loss = t, dev_losses[t]
        elif t - best_epoch >= patience:
            stop_epoch = t
            break
    return best_epoch, stop_epoch
