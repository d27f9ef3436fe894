f="my notes.txt"
mkdir -p backup
cp $f backup/$f
