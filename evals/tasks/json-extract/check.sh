#!/usr/bin/env bash
# exit 0 = solved
[ "$(tr -d "\n" < version.txt)" = "4.2.1" ]
