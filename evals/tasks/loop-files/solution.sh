#!/usr/bin/env bash
for f in chapters/*.txt; do awk '{print NR":"$0}' "$f" > "$f.tmp" && mv "$f.tmp" "$f"; done
