#!/usr/bin/env bash
cat > count.sh <<'EOF'
i=1
while [ $i -le $1 ]; do echo $i; i=$((i+1)); done
EOF
