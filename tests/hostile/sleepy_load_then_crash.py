"""Top-level statements that sleep just under the load timeout, then ones that crash.

Each crash restarts the worker, which loads the sleepers again: (H + 1) * M * 4.5 s,
counted in no budget.  All loading of a submission shares one budget
(``remote.LOAD_BUDGET``): once it is spent, the statements not reached are left out and
reported, and everything defined before them is graded.
"""
import os
import time


def sleeper_1(x=time.sleep(4.5)):
    return x


def sleeper_2(x=time.sleep(4.5)):
    return x


def sleeper_3(x=time.sleep(4.5)):
    return x


def crash_1(x=os._exit(3)):
    return x


def crash_2(x=os._exit(3)):
    return x


def crash_3(x=os._exit(3)):
    return x


def crash_4(x=os._exit(3)):
    return x


def crash_5(x=os._exit(3)):
    return x
