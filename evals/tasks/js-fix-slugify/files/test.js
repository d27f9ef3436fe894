const assert = require('assert');
const { slugify } = require('./slug.js');

assert.strictEqual(slugify('Hello World'), 'hello-world');
assert.strictEqual(slugify('  Many   spaces here '), 'many-spaces-here');
assert.strictEqual(slugify('Rock & Roll!'), 'rock-roll');
assert.strictEqual(slugify('Version 2 Notes'), 'version-2-notes');
console.log('all tests passed');
