#!/usr/bin/env bash
sed -i 's/^setting_237 = 237$/setting_237 = 999/' config.ini
