#!/usr/bin/env bash
for i in $(seq 1 10); do cat part$i.txt; done > all.txt
