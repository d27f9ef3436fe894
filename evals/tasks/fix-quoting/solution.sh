#!/usr/bin/env bash
cat > backup.sh <<'EOF'
f="my notes.txt"
mkdir -p backup
cp "$f" "backup/$f"
EOF
bash backup.sh
