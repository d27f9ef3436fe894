#!/usr/bin/env bash
# exit 0 = solved: the tests pass, and median behaves on cases the tests do not show (the input stays unsorted)
python3 -m unittest test_stats >/dev/null 2>&1 || exit 1
python3 -c '
from stats import median
data = [9, 2, 7, 4]
assert median(data) == 5.5, median(data)
assert data == [9, 2, 7, 4], "median changed its input"
assert median([10, -3, 5, 8, 1]) == 5
assert median([2.5]) == 2.5
'
