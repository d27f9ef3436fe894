#!/usr/bin/env bash
grep -v '^#' raw.csv | grep -v '^$' > clean.csv && tail -n +2 clean.csv | cut -d, -f2 | sort -u > cities.txt && echo $(( $(wc -l < clean.csv) - 1 )) > count.txt
