#!/usr/bin/env bash
cat > report.py <<'PY'
import csv
import sys
from collections import defaultdict

totals = defaultdict(float)
with open(sys.argv[1], newline="") as handle:
    for row in csv.DictReader(handle):
        totals[row["region"]] += float(row["amount"])
for region in sorted(totals):
    print(f"{region},{totals[region]:.2f}")
PY
