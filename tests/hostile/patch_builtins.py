"""Replaces builtins (isinstance, len) in the worker at definition time.

expect: update_lr failed error
others: any
"""
import builtins


def _rig():
    builtins.isinstance = lambda *a: True
    builtins.len = lambda *a: 0


def update_lr(learning_rate0, epoch_num, decay_rate, _=_rig()):
    return 1.0
