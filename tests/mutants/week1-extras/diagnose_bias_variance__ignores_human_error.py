"""Takes the training error itself as the avoidable bias, ignoring human-level error."""


def diagnose_bias_variance(human_error, train_error, dev_error):
    avoidable_bias = train_error
    variance = dev_error - train_error
    focus = "bias" if avoidable_bias >= variance else "variance"
    return {"avoidable_bias": avoidable_bias, "variance": variance, "focus": focus}
