#!/usr/bin/env bash
# exit 0 = solved
[ "$(tr -d " \n" < total.txt)" = "1234" ]
