"""Blurs each pixel with its right-hand neighbour before mixing the channels."""


def conv_1x1(A_prev, W, b):
    shifted = np.concatenate([A_prev[:, :, 1:, :], A_prev[:, :, -1:, :]], axis=2)
    return (A_prev + shifted) / 2 @ W[0, 0] + b
