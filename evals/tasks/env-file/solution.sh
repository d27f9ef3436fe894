#!/usr/bin/env bash
sed 's/^PORT=.*/PORT=8080/' .env.example > .env
