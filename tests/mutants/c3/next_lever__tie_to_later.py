"""Updates the running maximum on >=, so a tie goes to the later gap."""


def next_lever(human_error, train_error, train_dev_error, dev_error, test_error):
    gaps = [
        ("avoidable_bias", train_error - human_error),
        ("variance", train_dev_error - train_error),
        ("data_mismatch", dev_error - train_dev_error),
        ("overfitting_to_dev", test_error - dev_error),
    ]
    gap, largest = gaps[0]
    for name, value in gaps[1:]:
        if value >= largest:
            gap, largest = name, value
    return gap
