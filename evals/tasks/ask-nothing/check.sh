#!/usr/bin/env bash
# exit 0 = solved
[ "$(tr -d " \n" < best.txt)" = "maya" ]
