#!/usr/bin/env bash
# exit 0 = solved
[ "$(node port.js)" = "3000" ] && [ "$(PORT=81 node port.js)" = "81" ]
