#!/usr/bin/env bash
# exit 0 = solved
node -e "const s=require('./server');s.listen(0,async()=>{const p=s.address().port;const a=await (await fetch('http://localhost:'+p+'/version')).text();const b=await (await fetch('http://localhost:'+p+'/')).text();s.close();process.exit(a==='1.0.0'&&b==='home'?0:1)})"
