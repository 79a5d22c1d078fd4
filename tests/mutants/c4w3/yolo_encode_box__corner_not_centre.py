"""Locates the box by its corner (x1, y1) instead of its centre."""


def yolo_encode_box(box, grid_size, image_shape):
    x1, y1, x2, y2 = box
    height, width = image_shape
    x_c, y_c = x1 * grid_size / width, y1 * grid_size / height
    col, row = int(np.floor(x_c)), int(np.floor(y_c))
    bh, bw = (y2 - y1) * grid_size / height, (x2 - x1) * grid_size / width
    return row, col, np.array([x_c - col, y_c - row, bh, bw])
