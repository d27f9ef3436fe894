#!/usr/bin/env bash
# exit 0 = solved
[ "$(cat count.txt | tr -d " \n")" = "7" ]
