"""Returns 1 KB of dicts that share their parts: as a tree, 2**60 entries.

The wire keeps the sharing; describing the value (``repr``) would walk the tree.  The
judge refuses a value whose tree has more than ``wire.MAX_EXPANDED_NODES`` entries, so
the call costs its own checks and nothing more.

expect: update_lr error failed
"""


def update_lr(learning_rate0, epoch_num, decay_rate):
    value = {"rate": learning_rate0}
    for _ in range(60):
        value = {"left": value, "right": value}
    return value
