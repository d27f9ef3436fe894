#!/usr/bin/env bash
mkdir -p src tests docs && : > src/__init__.py && echo "# demo" > README.md
