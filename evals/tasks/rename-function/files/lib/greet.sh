old_greet() {
  echo "hello $1"
}
