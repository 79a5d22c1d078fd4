"""Loops forever in a call.

expect: update_lr error
"""


def update_lr(learning_rate0, epoch_num, decay_rate):
    while True:
        pass
