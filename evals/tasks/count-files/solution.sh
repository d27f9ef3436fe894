#!/usr/bin/env bash
find src -name '*.js' -type f | wc -l | tr -d ' ' > js-count.txt
