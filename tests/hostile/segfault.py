"""Segfaults the worker through ctypes.

expect: update_lr error
"""
import ctypes


def update_lr(learning_rate0, epoch_num, decay_rate):
    return ctypes.string_at(0)
