#!/usr/bin/env bash
# exit 0 = solved
[ "$(tr -d "\n" < largest.txt | sed "s|^\./||")" = "data/b/big.bin" ]
