#!/usr/bin/env bash
sed -e 's/{{name}}/Grace/g' -e 's/{{city}}/Lisbon/g' template.txt > letter.txt
