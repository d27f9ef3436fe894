#!/usr/bin/env bash
npx --yes prettier --write ugly.js
