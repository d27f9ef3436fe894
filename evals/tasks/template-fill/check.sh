#!/usr/bin/env bash
# exit 0 = solved
printf "Dear Grace,\nWelcome to Lisbon. Grace, enjoy!\n" | diff - letter.txt
