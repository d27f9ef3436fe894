#!/usr/bin/env bash
awk '!seen[$0]++' list.txt > list.tmp && mv list.tmp list.txt
