#!/usr/bin/env bash
# exit 0 = solved
[ "$(sed -n "/^\[server\]$/{n;p;}" app.conf)" = "timeout = 30" ] && [ "$(wc -l < app.conf | tr -d " ")" = "6" ]
