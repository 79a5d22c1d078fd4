"""Reverses the rows (axis 1): a vertical flip."""


def flip_horizontal(images, boxes):
    flipped_boxes = boxes.copy()
    flipped_boxes[:, 0] = 1 - boxes[:, 0]
    return images[:, ::-1, :, :].copy(), flipped_boxes
