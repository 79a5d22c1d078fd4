"""Raises the recursion limit and recurses until the C stack overflows.

expect: update_lr error failed
"""
import sys


def _down(n):
    return _down(n + 1) + 1


def update_lr(learning_rate0, epoch_num, decay_rate):
    sys.setrecursionlimit(10**7)
    return _down(0)
