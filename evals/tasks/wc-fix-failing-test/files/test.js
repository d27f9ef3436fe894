const t = require('node:test');
const assert = require('node:assert');
const sum = require('./sum');
t('sum', () => assert.strictEqual(sum(2, 3), 5));
