"""Ignores SIGTERM (and SIGINT) and loops forever.

expect: update_lr error
"""
import signal


def update_lr(learning_rate0, epoch_num, decay_rate):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        pass
