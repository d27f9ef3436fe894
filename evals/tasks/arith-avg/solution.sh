#!/usr/bin/env bash
awk '{s+=$1} END{print int(s/NR)}' scores.txt > avg.txt
