#!/usr/bin/env bash
# exit 0 = solved
[ "$(bash greet.sh Ada)" = "Hello, Ada!" ] && bash greet.sh 2>err.txt >/dev/null; [ $? = 2 ] && grep -q "usage: greet.sh NAME" err.txt
