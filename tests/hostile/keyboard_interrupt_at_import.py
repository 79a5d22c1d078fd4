"""Raises KeyboardInterrupt from a decorator while its definition is executed.

expect: update_lr error
"""


def _interrupt(function):
    raise KeyboardInterrupt


@_interrupt
def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0
