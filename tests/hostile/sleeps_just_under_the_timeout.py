"""Sleeps just under the per-call timeout on every call, to stretch grading.

expect: update_lr error
"""
import time


def update_lr(learning_rate0, epoch_num, decay_rate):
    time.sleep(1.9)
    return learning_rate0 / (1 + decay_rate * epoch_num)
