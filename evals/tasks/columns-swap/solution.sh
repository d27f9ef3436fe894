#!/usr/bin/env bash
awk -F'\t' 'BEGIN{OFS="\t"} {print $2, $1}' pairs.tsv > swapped.tsv
