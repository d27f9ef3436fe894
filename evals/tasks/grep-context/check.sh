#!/usr/bin/env bash
# exit 0 = solved
[ "$(cat before.txt)" = "request id=8812 path=/api/upload" ]
