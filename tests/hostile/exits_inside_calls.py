"""Raises SystemExit, KeyboardInterrupt and calls os._exit inside calls.

expect: update_lr failed
expect: schedule_lr_decay failed
expect: update_parameters_with_gd error
"""
import os


def update_lr(learning_rate0, epoch_num, decay_rate):
    raise SystemExit(0)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    raise KeyboardInterrupt


def update_parameters_with_gd(parameters, grads, learning_rate):
    os._exit(0)
