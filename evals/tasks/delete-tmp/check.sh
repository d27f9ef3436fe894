#!/usr/bin/env bash
# exit 0 = solved
[ -z "$(find . -name "*.tmp")" ] && [ -f a/keep.txt ] && [ -f b/c/keep2.log ] && [ -f top.txt ]
