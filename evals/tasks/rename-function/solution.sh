#!/usr/bin/env bash
sed -i 's/old_greet/greet/g' lib/greet.sh main.sh
