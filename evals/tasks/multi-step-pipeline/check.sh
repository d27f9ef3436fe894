#!/usr/bin/env bash
# exit 0 = solved
printf "id,city\n1,oslo\n2,rome\n3,oslo\n" | diff - clean.csv && printf "oslo\nrome\n" | diff - cities.txt && [ "$(tr -d " \n" < count.txt)" = "3" ]
