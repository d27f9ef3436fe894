#!/usr/bin/env bash
cat > total.sh <<'EOF'
sum=0
while read -r n; do sum=$((sum + n)); done < numbers.txt
echo $sum
EOF
