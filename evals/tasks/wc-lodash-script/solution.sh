#!/usr/bin/env bash
npm init -y && npm install lodash && echo "console.log(JSON.stringify(require('lodash').chunk([1,2,3,4],2)))" > chunk.js
