#!/usr/bin/env bash
# exit 0 = solved
bash test.sh && grep -q "assert_eq" test.sh
