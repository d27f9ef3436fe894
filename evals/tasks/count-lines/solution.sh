#!/usr/bin/env bash
wc -l < app.log | tr -d " " > count.txt
