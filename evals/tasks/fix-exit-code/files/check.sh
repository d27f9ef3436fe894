grep -q FAIL input.txt
exit 0
