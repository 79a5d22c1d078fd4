"""Starts the window of output h at h instead of h * stride."""

import numpy as np


def pool_backward(dA, cache, mode="max"):
    (A_prev, hparameters) = cache
    f = hparameters["f"]
    (m, n_H, n_W, n_C) = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, h : h + f, w : w + f, c])
                        dA_prev[i, h : h + f, w : w + f, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, h : h + f, w : w + f, c] += distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev
