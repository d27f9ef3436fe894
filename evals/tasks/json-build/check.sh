#!/usr/bin/env bash
# exit 0 = solved
[ "$(jq -c . people.json)" = '[{"name":"ann","age":31},{"name":"bob","age":27}]' ]
