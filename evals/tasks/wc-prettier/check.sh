#!/usr/bin/env bash
# exit 0 = solved
grep -q "const a = 1;" ugly.js
