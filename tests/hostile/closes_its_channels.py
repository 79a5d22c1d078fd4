"""Closes its stdin, stdout, stderr and every other descriptor it has.

expect: update_lr error
"""
import os


def update_lr(learning_rate0, epoch_num, decay_rate):
    for fd in range(64):
        try:
            os.close(fd)
        except OSError:
            pass
    return learning_rate0
