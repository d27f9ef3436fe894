#!/usr/bin/env bash
cat > check.sh <<'EOF'
if grep -q FAIL input.txt; then exit 1; fi
exit 0
EOF
