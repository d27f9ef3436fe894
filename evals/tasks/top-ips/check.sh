#!/usr/bin/env bash
# exit 0 = solved
[ "$(tr -d " \n" < top.txt)" = "10.0.0.7" ]
