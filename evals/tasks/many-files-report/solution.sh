#!/usr/bin/env bash
{ echo team,hours; for f in $(ls reports/*.txt | sort); do t=$(basename $f .txt); echo "$t,$(awk '{s+=$1} END{print s}' $f)"; done; } > summary.csv
