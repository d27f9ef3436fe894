#!/usr/bin/env bash
cat > greet.sh <<'EOF'
if [ -z "$1" ]; then echo 'usage: greet.sh NAME' >&2; exit 2; fi
echo "Hello, $1!"
EOF
