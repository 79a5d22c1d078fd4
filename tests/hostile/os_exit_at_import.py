"""Kills the worker with os._exit while its definition is executed.

expect: update_lr error
"""
import os


def update_lr(learning_rate0, epoch_num, decay_rate, _=os._exit(0)):
    return learning_rate0
