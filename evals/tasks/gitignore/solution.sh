#!/usr/bin/env bash
printf 'node_modules/\ndist/\n*.log\n' > .gitignore
