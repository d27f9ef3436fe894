#!/usr/bin/env bash
# exit 0 = solved
printf "1\ta\n2\tb\n" | diff - swapped.tsv
