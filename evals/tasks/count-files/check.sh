#!/usr/bin/env bash
# exit 0 = solved
[ "$(tr -d " \n" < js-count.txt)" = "4" ]
