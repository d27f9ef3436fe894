#!/usr/bin/env bash
sed -n '3217p' book.txt | sed 's/.*WORD: *//' > word.txt
