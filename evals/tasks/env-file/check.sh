#!/usr/bin/env bash
# exit 0 = solved
grep -qx "PORT=8080" .env && grep -qx "HOST=localhost" .env && grep -qx "DEBUG=false" .env && [ "$(wc -l < .env | tr -d " ")" = "3" ]
