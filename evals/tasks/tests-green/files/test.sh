. ./lib.sh
assert_eq() { [ "$1" = "$2" ] || { echo "FAIL: got '$1' want '$2'"; exit 1; }; }
assert_eq "$(slugify 'Hello World')" "hello-world"
assert_eq "$(slugify 'a b c')" "a-b-c"
echo all passed
