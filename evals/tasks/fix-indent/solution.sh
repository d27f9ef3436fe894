#!/usr/bin/env bash
sed -i 's/\t/    /g' Makefile.txt
