#!/usr/bin/env bash
# exit 0 = solved
printf "ann\ncid\n" | diff - active.txt
