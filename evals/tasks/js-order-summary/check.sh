#!/usr/bin/env bash
# exit 0 = solved: the summary is right for orders.json and for a file the agent never saw (compared as JSON)
[ -f summary.js ] || exit 1
same() { node -e 'const a = JSON.parse(process.argv[1]), b = JSON.parse(process.argv[2]); process.exit(a.count === b.count && Math.abs(a.revenue - b.revenue) < 1e-9 && Object.keys(a).length === 2 ? 0 : 1)' "$1" "$2"; }
same "$(node summary.js orders.json)" '{"count":3,"revenue":40}' || exit 1
echo '[{"status":"paid","total":1},{"status":"void","total":5},{"status":"paid","total":2.25}]' > /tmp/hidden-orders.json
same "$(node summary.js /tmp/hidden-orders.json)" '{"count":2,"revenue":3.25}'
