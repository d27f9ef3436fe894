#!/usr/bin/env bash
# exit 0 = solved
[ "$(cat all.txt | tr -d "\n")" = "12345678910" ]
