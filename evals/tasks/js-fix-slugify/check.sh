#!/usr/bin/env bash
# exit 0 = solved: the test passes, and slugify behaves on titles the test does not show
node test.js >/dev/null 2>&1 || exit 1
node -e '
const assert = require("assert");
const { slugify } = require("./slug.js");
assert.strictEqual(slugify("A-B  c"), "a-b-c");
assert.strictEqual(slugify("--Tabs\tand\nLines--"), "tabs-and-lines");
assert.strictEqual(slugify("ALL CAPS 99"), "all-caps-99");
'
