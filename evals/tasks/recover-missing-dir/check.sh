#!/usr/bin/env bash
# exit 0 = solved
[ "$(cat out/result/status.txt)" = "ok" ]
