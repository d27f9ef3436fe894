"""Small statistics helpers."""


def mean(values):
    return sum(values) / len(values)


def median(values):
    """The middle value of the sorted values; the mean of the two middle ones when there is an even count."""
    middle = len(values) // 2
    return values[middle]
