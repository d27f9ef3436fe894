#!/usr/bin/env bash
# exit 0 = solved
[ "$(cat part-1.txt part-2.txt part-3.txt part-4.txt | md5sum)" = "$(md5sum < big.txt)" ] && [ "$(wc -l < part-3.txt | tr -d " ")" = "25" ]
