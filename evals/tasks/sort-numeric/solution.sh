#!/usr/bin/env bash
sort -n nums.txt > sorted.txt
