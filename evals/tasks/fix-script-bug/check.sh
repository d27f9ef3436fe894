#!/usr/bin/env bash
# exit 0 = solved
[ "$(bash total.sh)" = "60" ] && printf "1\n2\n" > /tmp/n2 && [ "$(cd /tmp && cp "$OLDPWD/total.sh" . && cp n2 numbers.txt && bash total.sh)" = "3" ]
