#!/usr/bin/env bash
# exit 0 = solved
[ -f app/dist/index.html ]
