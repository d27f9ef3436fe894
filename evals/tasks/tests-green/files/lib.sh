slugify() {
  echo "$1" | tr ' ' '-'
}
