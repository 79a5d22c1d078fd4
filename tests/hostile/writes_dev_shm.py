"""Writes 64 MiB into /dev/shm, which bubblewrap once bound from the host (half of RAM,
writable, and the file stayed after grading).

It answers right only if the write was refused: the sandbox's own /dev/shm holds 1 MiB.

expect: update_lr passed
levels: bubblewrap
"""


def update_lr(learning_rate0, epoch_num, decay_rate):
    MiB = 1 << 20  # a module-level constant would not be loaded: only imports and defs are
    written = 0
    try:
        with open("/dev/shm/dls-hostile-shm", "wb") as out:
            for _ in range(64):
                out.write(b"x" * MiB)
                written += MiB
    except OSError:
        pass
    if written >= 8 * MiB:
        return 0.0
    return learning_rate0 / (1 + decay_rate * epoch_num)
