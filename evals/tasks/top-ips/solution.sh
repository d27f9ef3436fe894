#!/usr/bin/env bash
awk '{print $1}' access.log | sort | uniq -c | sort -rn | head -1 | awk '{print $2}' > top.txt
