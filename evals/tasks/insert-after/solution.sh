#!/usr/bin/env bash
sed -i '/^\[server\]$/a timeout = 30' app.conf
