#!/usr/bin/env bash
# exit 0 = solved
[ "$(jq -r .scripts.test package.json)" = "bash run-tests.sh" ] && [ "$(jq -r .scripts.start package.json)" = "node index.js" ] && [ "$(jq -r .name package.json)" = "app" ]
