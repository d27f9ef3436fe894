#!/usr/bin/env bash
printf 'server {\n  listen 8080;\n}\n' > nginx.conf
