#!/usr/bin/env bash
sed -i 's/\r$//' data.txt
