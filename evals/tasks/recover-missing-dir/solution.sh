#!/usr/bin/env bash
mkdir -p out/result && echo ok > out/result/status.txt
