"""The batched counter: counts kept, written in key order, and kept again when a write fails."""

from django.db import OperationalError

from masthead.core.tally import Tally


def test_counts_are_written_in_key_order_and_kept_when_the_write_fails(settings):
    settings.MASTHEAD_READERSHIP = {**settings.MASTHEAD_READERSHIP, "background": False}
    written = []

    def write(batch):
        if not written:
            written.append(None)
            raise OperationalError("deadlock detected")
        written.append(list(batch))
        return len(batch)

    tally = Tally("test-counts", write=write)
    for key in [(3, "b"), (1, "a"), (3, "a"), (1, "a")]:
        tally.add(key)
    assert tally.flush() == 0  # refused: nothing lost
    assert tally.pending() == {(1, "a"): 2, (3, "a"): 1, (3, "b"): 1}
    assert tally.flush() == 3
    # Every process locks rows in the same order, so two flushes cannot deadlock each other.
    assert written[-1] == [(1, "a"), (3, "a"), (3, "b")]
    assert tally.pending() == {}
