"""Returns the error that would remain, dev_error * (1 - fraction), as max_reduction."""


def error_analysis_tally(tags, dev_error):
    m = len(tags)
    counts = {}
    for example in tags:
        for category in set(example):
            counts[category] = counts.get(category, 0) + 1
    return {
        c: {"count": n, "fraction": n / m, "max_reduction": dev_error * (1 - n / m)}
        for c, n in counts.items()
    }
