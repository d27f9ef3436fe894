#!/usr/bin/env bash
grep -B1 panic server.log | head -1 > before.txt
