#!/usr/bin/env bash
mkdir -p images notes && mv *.jpg images/ && mv *.txt notes/
