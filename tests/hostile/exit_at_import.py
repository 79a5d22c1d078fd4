"""Calls sys.exit while its definition is executed (a default argument).

expect: update_lr error
"""
import sys


def update_lr(learning_rate0, epoch_num, decay_rate, _=sys.exit(3)):
    return learning_rate0
