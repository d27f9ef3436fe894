#!/usr/bin/env bash
# exit 0 = solved
[ -f images/a.jpg ] && [ -f images/b.jpg ] && [ -f notes/x.txt ] && [ -f keep.md ] && [ -z "$(ls *.jpg *.txt 2>/dev/null)" ]
