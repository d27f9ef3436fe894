#!/usr/bin/env bash
npx --yes create-vite@latest app --template vanilla && cd app && npm install && npm run build
