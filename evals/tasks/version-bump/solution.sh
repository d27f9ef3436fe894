#!/usr/bin/env bash
sed -i 's/1\.4\.2/1.5.0/g' VERSION package.json docs/install.md
