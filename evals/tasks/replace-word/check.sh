#!/usr/bin/env bash
# exit 0 = solved
! cat docs/a.txt docs/sub/b.txt | grep -qw colour && grep -q "the color red" docs/a.txt && grep -q "color blind" docs/sub/b.txt && grep -q "colourless is kept" docs/c.md
