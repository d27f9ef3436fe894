#!/usr/bin/env bash
npm init -y && npm install typescript && mkdir -p src && echo "export function add(a: number, b: number) { return a + b; }" > src/add.ts && npx tsc src/add.ts --outDir dist --module commonjs
