#!/usr/bin/env bash
# exit 0 = solved
printf "2\n9\n10\n100\n" | diff - sorted.txt
