/**
 * E2E: Python and JavaScript in the lite sandbox, in Chromium (built app, ?sandbox=lite). A scripted agent
 * writes a Python module and its unittest, runs it, sees the failure, fixes the module and runs it green;
 * then the same with `node test.js` and assert. Pyodide and QuickJS load from our own origin, in workers of
 * their own inside the lite sandbox's worker, under the page's CSP (no violation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedTurn } from '../fixtures/scripted-server';
import { runUntil, screenshot, startHarness, type AppHarness } from './harness/app';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** The content of the tool message answering `callId` in a request. */
function toolAnswer(body: { messages: { role: string; tool_call_id?: string; content: string }[] }, callId: string): string {
  return body.messages.find((message) => message.role === 'tool' && message.tool_call_id === callId)?.content ?? '';
}

const COLD_MS = 120_000;
const run = (id: string, command: string): ScriptedTurn => ({
  tool_calls: [{ id, name: 'run_command', arguments: { command, timeout_ms: COLD_MS } }],
});

const TEST_PY = `import unittest
from calc import mean

class MeanTest(unittest.TestCase):
    def test_mean(self):
        self.assertEqual(mean([1, 2, 3]), 2)

    def test_one(self):
        self.assertEqual(mean([5]), 5)
`;
const TEST_JS = `const assert = require('assert');
const { total } = require('./cart');
assert.strictEqual(total([{ price: 2, qty: 3 }, { price: 1, qty: 1 }]), 7);
console.log('cart ok');
`;

describe('python3 and node in the lite sandbox', () => {
  it('a scripted agent writes, runs, fixes and re-runs a Python unittest and a node assert test', async () => {
    const turns: ScriptedTurn[] = [
      { tool_calls: [{ name: 'write_file', arguments: { path: 'calc.py', content: 'def mean(xs):\n    return sum(xs) / (len(xs) + 1)\n' } }] },
      { tool_calls: [{ name: 'write_file', arguments: { path: 'test_calc.py', content: TEST_PY } }] },
      run('py_red', 'python3 -m unittest'),
      { tool_calls: [{ name: 'edit_file', arguments: { path: 'calc.py', old_string: '(len(xs) + 1)', new_string: 'len(xs)' } }] },
      run('py_green', 'python3 -m unittest'),
      { tool_calls: [{ name: 'write_file', arguments: { path: 'cart.js', content: 'exports.total = (items) => items.reduce((sum, item) => sum + item.price, 0);\n' } }] },
      { tool_calls: [{ name: 'write_file', arguments: { path: 'test.js', content: TEST_JS } }] },
      run('js_red', 'node test.js'),
      { tool_calls: [{ name: 'edit_file', arguments: { path: 'cart.js', old_string: 'sum + item.price', new_string: 'sum + item.price * item.qty' } }] },
      run('js_green', 'node test.js && python3 -c "print(open(\'cart.js\').read().count(\'qty\'))"'),
      { tool_calls: [{ name: 'finish', arguments: { summary: 'Both test suites pass.' } }] },
    ];
    const server = await harness.model(turns);
    const page = await harness.open(server);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Write mean() with a unittest, and a cart total with an assert test; make both pass');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await runUntil(page, 'completed', COLD_MS * 2);

    const bodies = server.requests.filter((request) => request.path.endsWith('/chat/completions')).map((request) => request.body);
    const answer = (index: number, id: string) => toolAnswer(bodies[index], id);
    const pyRed = answer(3, 'py_red');
    const pyGreen = answer(5, 'py_green');
    const jsRed = answer(8, 'js_red');
    const jsGreen = answer(10, 'js_green');
    await screenshot(page, 'python-node');
    const timeless = (text: string) => text.replace(/Ran 2 tests in [\d.]+s/, 'Ran 2 tests in Ts');
    expect({
      pyRed: [pyRed.split('\n').slice(0, 2), pyRed.includes('AssertionError: 1.5 != 2'), pyRed.includes('Ran 2 tests'), pyRed.includes('FAILED (failures=2)')],
      pyGreen: timeless(pyGreen),
      jsRed: [jsRed.split('\n')[0], jsRed.includes('AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n3 !== 7\n'), jsRed.includes('cart ok')],
      jsGreen,
      violations,
    }).toEqual({
      pyRed: [['Exit code: 1', 'FF'], true, true, true],
      pyGreen: 'Exit code: 0\n..\n----------------------------------------------------------------------\nRan 2 tests in Ts\n\nOK',
      jsRed: ['Exit code: 1', true, false],
      jsGreen: 'Exit code: 0\ncart ok\n1',
      violations: [],
    });
  }, 400_000);
});
