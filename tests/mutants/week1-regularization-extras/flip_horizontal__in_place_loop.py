"""Swaps columns in place without a copy: the right half is overwritten by the already-mirrored left half."""


def flip_horizontal(images, boxes):
    out = images.copy()
    n_W = out.shape[2]
    for w in range(n_W):
        out[:, :, w, :] = out[:, :, n_W - 1 - w, :]
    flipped_boxes = boxes.copy()
    flipped_boxes[:, 0] = 1 - boxes[:, 0]
    return out, flipped_boxes
