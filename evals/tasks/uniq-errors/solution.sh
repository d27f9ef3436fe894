#!/usr/bin/env bash
awk '{print $2}' errors.log | sort -u > codes.txt
