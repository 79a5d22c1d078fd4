"""Rounds the centre to the nearest cell instead of flooring."""


def yolo_encode_box(box, grid_size, image_shape):
    x1, y1, x2, y2 = box
    height, width = image_shape
    x_c, y_c = (x1 + x2) / 2 * grid_size / width, (y1 + y2) / 2 * grid_size / height
    col, row = int(round(x_c)), int(round(y_c))
    bh, bw = (y2 - y1) * grid_size / height, (x2 - x1) * grid_size / width
    return row, col, np.array([x_c - col, y_c - row, bh, bw])
