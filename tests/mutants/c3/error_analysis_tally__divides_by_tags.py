"""Divides by the number of tags instead of the number of mislabeled examples."""


def error_analysis_tally(tags, dev_error):
    m = sum(len(example) for example in tags)
    counts = {}
    for example in tags:
        for category in set(example):
            counts[category] = counts.get(category, 0) + 1
    return {c: {"count": n, "fraction": n / m, "max_reduction": n / m * dev_error} for c, n in counts.items()}
