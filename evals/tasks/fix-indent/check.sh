#!/usr/bin/env bash
# exit 0 = solved
! grep -q "$(printf "\t")" Makefile.txt && grep -qx "    echo hi" Makefile.txt
