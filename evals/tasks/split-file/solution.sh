#!/usr/bin/env bash
for i in 1 2 3 4; do sed -n "$(( (i-1)*25+1 )),$(( i*25 ))p" big.txt > part-$i.txt; done
