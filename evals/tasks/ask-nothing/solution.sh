#!/usr/bin/env bash
sort -t, -k2 -rn users.csv | head -1 | cut -d, -f1 > best.txt
