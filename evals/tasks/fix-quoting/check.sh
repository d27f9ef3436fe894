#!/usr/bin/env bash
# exit 0 = solved
[ -f "backup/my notes.txt" ] && grep -q important "backup/my notes.txt" && rm -rf backup && bash backup.sh && [ -f "backup/my notes.txt" ]
