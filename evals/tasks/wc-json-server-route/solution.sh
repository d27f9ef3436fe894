#!/usr/bin/env bash
node -e "require('fs').writeFileSync('server.js', 'const h=require(\"http\");module.exports=h.createServer((q,r)=>r.end(q.url===\"/version\"?\"1.0.0\":\"home\"))')"
