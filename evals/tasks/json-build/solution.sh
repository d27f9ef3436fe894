#!/usr/bin/env bash
jq -R -s 'split("\n") | map(select(length > 0) | split(" ") | {name: .[0], age: (.[1] | tonumber)})' people.txt > people.json
