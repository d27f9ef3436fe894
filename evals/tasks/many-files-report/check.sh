#!/usr/bin/env bash
# exit 0 = solved
printf "team,hours\nalpha,10\nbeta,7\ngamma,12\n" | diff - summary.csv
