#!/usr/bin/env bash
# exit 0 = solved
[ "$(node chunk.js)" = "[[1,2],[3,4]]" ]
