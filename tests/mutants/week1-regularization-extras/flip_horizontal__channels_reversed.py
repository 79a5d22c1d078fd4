"""Reverses the last axis (the channels) instead of the width: images[..., ::-1]."""


def flip_horizontal(images, boxes):
    flipped_boxes = boxes.copy()
    flipped_boxes[:, 0] = 1 - boxes[:, 0]
    return images[..., ::-1].copy(), flipped_boxes
