#!/usr/bin/env bash
# exit 0 = solved
! grep -rq "1\.4\.2" VERSION package.json docs && grep -qx "1.5.0" VERSION && [ "$(jq -r .version package.json)" = "1.5.0" ] && grep -q "install app@1.5.0" docs/install.md
