#!/usr/bin/env bash
find . -name '*.tmp' -type f -delete
