#!/usr/bin/env bash
jq -r .version package.json > version.txt
