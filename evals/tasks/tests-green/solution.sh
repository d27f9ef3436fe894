#!/usr/bin/env bash
cat > lib.sh <<'EOF'
slugify() {
  echo "$1" | tr 'A-Z' 'a-z' | tr ' ' '-'
}
EOF
