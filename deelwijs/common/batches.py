"""Working through a long list of ids a few hundred at a time."""


def batches(ids, size=500):
    """Slices of `ids`: an IN list of any length never exceeds the database's limit on parameters."""
    for n in range(0, len(ids), size):
        yield ids[n : n + size]
