#!/usr/bin/env bash
echo "module.exports = (a, b) => a + b;" > sum.js
