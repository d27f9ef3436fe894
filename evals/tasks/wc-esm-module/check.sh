#!/usr/bin/env bash
# exit 0 = solved
[ "$(node main.mjs)" = "49" ]
