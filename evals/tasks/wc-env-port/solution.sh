#!/usr/bin/env bash
echo "console.log(process.env.PORT || 3000)" > port.js
