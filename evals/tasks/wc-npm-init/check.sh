#!/usr/bin/env bash
# exit 0 = solved
node -e "process.exit(require('./package.json').name==='tiny'?0:1)"
