#!/usr/bin/env bash
# exit 0 = solved
! grep -q $(printf "\r") data.txt && [ "$(wc -l < data.txt | tr -d " ")" = "3" ]
