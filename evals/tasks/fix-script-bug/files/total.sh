sum=0
while read -r n; do sum=$n; done < numbers.txt
echo $sum
