#!/usr/bin/env bash
# exit 0 = solved
[ "$(bash count.sh 5 | tr "\n" " ")" = "1 2 3 4 5 " ] && [ "$(bash count.sh 1)" = "1" ]
