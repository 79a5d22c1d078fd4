"""Negates b_x (-b_x) instead of mirroring it (1 - b_x)."""


def flip_horizontal(images, boxes):
    flipped_boxes = boxes.copy()
    flipped_boxes[:, 0] = -boxes[:, 0]
    return images[:, :, ::-1, :].copy(), flipped_boxes
