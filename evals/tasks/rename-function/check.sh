#!/usr/bin/env bash
# exit 0 = solved
[ "$(bash main.sh)" = "hello world" ] && ! grep -rq old_greet lib main.sh && grep -q "^greet()" lib/greet.sh
