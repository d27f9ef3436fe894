#!/usr/bin/env bash
# exit 0 = solved
printf "b\na\nc\n" | diff - list.txt
