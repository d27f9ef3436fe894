#!/usr/bin/env bash
cat > summary.js <<'JS'
const fs = require('fs');

const orders = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const paid = orders.filter((order) => order.status === 'paid');
const revenue = paid.reduce((sum, order) => sum + order.total, 0);
console.log(JSON.stringify({ count: paid.length, revenue }));
JS
