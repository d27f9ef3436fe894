. lib/greet.sh
old_greet world
