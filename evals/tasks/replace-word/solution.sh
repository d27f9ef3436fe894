#!/usr/bin/env bash
find docs -name '*.txt' -exec sed -i 's/\bcolour\b/color/g' {} +
