#!/usr/bin/env bash
# exit 0 = solved: the report is right for sales.csv and for a file the agent never saw
[ -f report.py ] || exit 1
[ "$(python3 report.py sales.csv)" = "$(printf 'east,10.00\nnorth,13.25\nsouth,13.00\nwest,4.00')" ] || exit 1
printf 'region,product,amount\nzeta,a,1.25\nalpha,b,2\nzeta,c,3\nalpha,d,0.5\n' > /tmp/hidden-sales.csv
[ "$(python3 report.py /tmp/hidden-sales.csv)" = "$(printf 'alpha,2.50\nzeta,4.25')" ]
