#!/usr/bin/env bash
# exit 0 = solved
grep -qxE "/?node_modules/?" .gitignore && grep -qxE "/?dist/?" .gitignore && grep -qxF "*.log" .gitignore
