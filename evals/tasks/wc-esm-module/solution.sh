#!/usr/bin/env bash
echo "export const square = (n) => n * n;" > math.mjs && echo "import { square } from './math.mjs'; console.log(square(7));" > main.mjs
