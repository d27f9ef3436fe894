/** Inside QuickJS: Node's `assert` (strict and loose), its AssertionError and deep equality. */
export const ASSERT_SOURCE = String.raw`
class AssertionError extends Error {
  constructor(options) {
    super(options.message);
    Object.defineProperty(this, 'name', { value: 'AssertionError', enumerable: false, writable: true, configurable: true });
    Object.defineProperty(this, '__nodeStyle', { value: true, enumerable: false });
    this.generatedMessage = !options.userMessage;
    this.code = 'ERR_ASSERTION';
    this.actual = options.actual;
    this.expected = options.expected;
    this.operator = options.operator;
  }
}
function deepEqual(a, b, strict, seen) {
  if (strict ? Object.is(a, b) : a == b || (a !== a && b !== b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.some(([x, y]) => x === a && y === b)) return true;
  const next = seen.concat([[a, b]]);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  if (a instanceof Error && b instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !deepEqual(value, b.get(key), strict, next)) return false;
    return true;
  }
  if (a instanceof Set && b instanceof Set) {
    if (a.size !== b.size) return false;
    for (const value of a) if (!b.has(value) && ![...b].some((other) => deepEqual(value, other, strict, next))) return false;
    return true;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !deepEqual(a[key], b[key], strict, next)) return false;
  }
  return true;
}
const isDeepStrictEqual = (a, b) => deepEqual(a, b, true, []);
function fail(options) {
  if (options.message instanceof Error) throw options.message;
  throw new AssertionError({ ...options, userMessage: options.message !== undefined, message: options.message !== undefined ? options.message : options.generated() });
}
function comparison(title, actual, expected, sign) {
  return () => {
    const a = inspect(actual);
    const e = inspect(expected);
    if (!a.includes('\n') && !e.includes('\n') && sign) return title + ':\n\n' + a + ' ' + sign + ' ' + e + '\n';
    return title + ':\n+ actual - expected\n\n+ ' + a.split('\n').join('\n+ ') + '\n- ' + e.split('\n').join('\n- ') + '\n';
  };
}
function matchesExpected(error, expected) {
  if (expected === undefined) return true;
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && error instanceof expected) return true;
    if (Error.isPrototypeOf(expected) || expected === Error) return false;
    return expected.call({}, error) === true;
  }
  if (expected instanceof RegExp) return expected.test(String(error));
  if (typeof expected === 'object') return Object.keys(expected).every((key) => expected[key] instanceof RegExp && typeof error[key] === 'string' ? expected[key].test(error[key]) : isDeepStrictEqual(error[key], expected[key]));
  return false;
}
function makeAssert(strict) {
  function ok(value, message) {
    if (!value) fail({ actual: value, expected: true, operator: '==', message, generated: () => arguments.length === 0 ? 'No value argument passed to ' + "${'`'}assert.ok()${'`'}" : 'The expression evaluated to a falsy value:\n\n  assert(' + inspect(value) + ')\n' });
  }
  const assert = (...args) => ok(...args);
  assert.ok = ok;
  assert.AssertionError = AssertionError;
  assert.fail = (message) => fail({ operator: 'fail', message, generated: () => 'Failed' });
  const strictEqual = (actual, expected, message) => {
    if (!Object.is(actual, expected)) fail({ actual, expected, operator: 'strictEqual', message, generated: comparison('Expected values to be strictly equal', actual, expected, '!==') });
  };
  const notStrictEqual = (actual, expected, message) => {
    if (Object.is(actual, expected)) fail({ actual, expected, operator: 'notStrictEqual', message, generated: () => 'Expected "actual" to be strictly unequal to: ' + inspect(expected) });
  };
  const deepStrictEqual = (actual, expected, message) => {
    if (!deepEqual(actual, expected, true, [])) fail({ actual, expected, operator: 'deepStrictEqual', message, generated: comparison('Expected values to be strictly deep-equal', actual, expected, '') });
  };
  const notDeepStrictEqual = (actual, expected, message) => {
    if (deepEqual(actual, expected, true, [])) fail({ actual, expected, operator: 'notDeepStrictEqual', message, generated: () => 'Expected "actual" not to be strictly deep-equal to: ' + inspect(expected) });
  };
  assert.strictEqual = strictEqual;
  assert.notStrictEqual = notStrictEqual;
  assert.deepStrictEqual = deepStrictEqual;
  assert.notDeepStrictEqual = notDeepStrictEqual;
  assert.equal = strict ? strictEqual : (actual, expected, message) => {
    if (!(actual == expected || (actual !== actual && expected !== expected))) fail({ actual, expected, operator: '==', message, generated: () => inspect(actual) + ' == ' + inspect(expected) });
  };
  assert.notEqual = strict ? notStrictEqual : (actual, expected, message) => {
    if (actual == expected) fail({ actual, expected, operator: '!=', message, generated: () => inspect(actual) + ' != ' + inspect(expected) });
  };
  assert.deepEqual = strict ? deepStrictEqual : (actual, expected, message) => {
    if (!deepEqual(actual, expected, false, [])) fail({ actual, expected, operator: 'deepEqual', message, generated: comparison('Expected values to be loosely deep-equal', actual, expected, '') });
  };
  assert.notDeepEqual = strict ? notDeepStrictEqual : (actual, expected, message) => {
    if (deepEqual(actual, expected, false, [])) fail({ actual, expected, operator: 'notDeepEqual', message, generated: () => '"actual" deepEqual "expected"' });
  };
  assert.throws = (fn, expected, message) => {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    try { fn(); } catch (error) {
      if (!matchesExpected(error, expected)) throw error;
      return;
    }
    fail({ actual: undefined, expected, operator: 'throws', message, generated: () => 'Missing expected exception.' });
  };
  assert.doesNotThrow = (fn, message) => {
    try { fn(); } catch (error) { fail({ actual: error, operator: 'doesNotThrow', message, generated: () => 'Got unwanted exception.\nActual message: "' + (error && error.message) + '"' }); }
  };
  assert.rejects = async (promiseOrFn, expected, message) => {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    try { await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn); } catch (error) {
      if (!matchesExpected(error, expected)) throw error;
      return;
    }
    fail({ actual: undefined, expected, operator: 'rejects', message, generated: () => 'Missing expected rejection.' });
  };
  assert.doesNotReject = async (promiseOrFn, message) => {
    try { await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn); } catch (error) { fail({ actual: error, operator: 'doesNotReject', message, generated: () => 'Got unwanted rejection.\nActual message: "' + (error && error.message) + '"' }); }
  };
  assert.match = (text, regexp, message) => {
    if (!regexp.test(text)) fail({ actual: text, expected: regexp, operator: 'match', message, generated: () => 'The input did not match the regular expression ' + String(regexp) + '. Input:\n\n' + inspect(text) + '\n' });
  };
  assert.doesNotMatch = (text, regexp, message) => {
    if (regexp.test(text)) fail({ actual: text, expected: regexp, operator: 'doesNotMatch', message, generated: () => 'The input was expected to not match the regular expression ' + String(regexp) + '. Input:\n\n' + inspect(text) + '\n' });
  };
  assert.ifError = (value) => { if (value !== null && value !== undefined) throw value; };
  return assert;
}
const assertLoose = makeAssert(false);
const assertStrict = makeAssert(true);
assertLoose.strict = assertStrict;
assertStrict.strict = assertStrict;
`;
