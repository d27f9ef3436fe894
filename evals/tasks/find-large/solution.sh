#!/usr/bin/env bash
find data -type f -exec wc -c {} + | grep -v ' total$' | sort -rn | head -1 | awk '{print $2}' > largest.txt
