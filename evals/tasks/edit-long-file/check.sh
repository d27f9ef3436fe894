#!/usr/bin/env bash
# exit 0 = solved
grep -qx "setting_237 = 999" config.ini && [ "$(grep -c . config.ini)" = "399" ] && [ "$(grep -v "^setting_237 " config.ini | md5sum)" = "$(seq 1 399 | grep -vx 237 | sed "s/.*/setting_& = &/" | md5sum)" ]
