#!/usr/bin/env bash
# exit 0 = solved
printf "E1\nE22\nE7\n" | diff - codes.txt
