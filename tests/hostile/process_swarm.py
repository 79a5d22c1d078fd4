"""Forks as many sleeping children as it can.

expect: update_lr failed error
"""
import os
import time


def update_lr(learning_rate0, epoch_num, decay_rate):
    for _ in range(2000):
        if os.fork() == 0:
            time.sleep(600)
            os._exit(0)
    return learning_rate0 / (1 + decay_rate * epoch_num)
