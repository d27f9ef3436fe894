#!/usr/bin/env bash
bash build.sh 2>&1 | grep FAILED | sed 's/.*step \([a-z]*\).*/\1/' > failed.txt
