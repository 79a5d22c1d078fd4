"""Mirrors b_y (column 1) instead of b_x."""


def flip_horizontal(images, boxes):
    flipped_boxes = boxes.copy()
    flipped_boxes[:, 1] = 1 - boxes[:, 1]
    return images[:, :, ::-1, :].copy(), flipped_boxes
