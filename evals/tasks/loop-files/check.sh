#!/usr/bin/env bash
# exit 0 = solved
[ "$(head -1 chapters/one.txt)" = "1:alpha" ] && [ "$(sed -n 2p chapters/two.txt)" = "2:delta" ]
