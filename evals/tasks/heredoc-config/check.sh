#!/usr/bin/env bash
# exit 0 = solved
printf "server {\n  listen 8080;\n}\n" | diff - nginx.conf
