#!/usr/bin/env bash
# exit 0 = solved
[ -d src ] && [ -d tests ] && [ -d docs ] && [ -f src/__init__.py ] && [ ! -s src/__init__.py ] && [ "$(head -1 README.md)" = "# demo" ]
