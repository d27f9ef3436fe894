// Images an MCP tool returns, as the model gets them: the real loop, the real openai SDK over HTTP to the scripted
// server, the real MCP fixture's render_chart. A model that takes images gets a user message with an image_url
// part after the turn's tool messages; one that does not reads a note. Only the latest images are sent, the
// stored steps hold no image, and a server that refuses images gets them named instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRunMcp, type RunMcp } from '../../../src/bridge/mcp-run';
import type { RunJob } from '../../../src/bridge/run-driver';
import type { ChatMessage } from '../../../src/core';
import { attachImages, MAX_CONTEXT_IMAGES, withImages } from '../../../src/agent/images';
import type { Conversation } from '../../../src/agent/messages';
import { RED_PIXEL_PNG, startMcpFixture, type McpFixture } from '../../fixtures/mcp-server';
import { call, closeAll, finish, runScripted } from '../agent/harness';

let fixture: McpFixture;
let mcp: RunMcp;
beforeAll(async () => {
  fixture = await startMcpFixture();
  const job: RunJob = {
    run_id: 'r',
    instructions: 'Chart it',
    spec: { spec: 1, model: 'm', base_url: 'http://127.0.0.1:9/v1', tools: ['mcp'], max_steps: 5, human_intervention_threshold: 'never', mcp_servers: [{ name: 'notes', url: fixture.url }] },
    secrets: {},
  };
  mcp = (await openRunMcp(job, { contextWindow: 128_000, signal: AbortSignal.timeout(5_000), emit: () => {} }))!;
});
afterAll(async () => {
  await mcp?.close();
  await fixture?.stop();
  await closeAll();
});

const DATA_URL = `data:image/png;base64,${RED_PIXEL_PNG}`;
const OBSERVATION = 'Chart of notes per day:\n[image: image/png, 70 bytes, shown to the person]';

/** The messages of request `n` after its first assistant message (the task and system prompt before it are not at issue). */
function afterFirstCall(messages: { role: string }[]): unknown[] {
  return messages.slice(messages.findIndex((m) => m.role === 'assistant') + 1);
}

async function chartRun(modelTakesImages: boolean, script = [call('mcp__notes__render_chart', {}, 'c1'), finish('done')]) {
  const committed: ChatMessage[][] = [];
  const harness = await runScripted(script, {
    config: { tools: ['mcp'], ...(modelTakesImages && { modelTakesImages }) },
    deps: { externalTools: mcp.tools, onStepCommitted: ({ messages }) => void committed.push(messages) },
  });
  return { ...harness, committed };
}

describe('images of MCP tool results', () => {
  it('reach a model that takes images as an image_url part after the tool message, stored once', async () => {
    const { outcome, server, events, committed } = await chartRun(true);
    expect(outcome.status).toBe('completed');
    expect(afterFirstCall(server.requests[1].body.messages)).toEqual([
      { role: 'tool', tool_call_id: 'c1', content: `${OBSERVATION}\n[The image above is attached in the next message.]` },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'The 1 image returned by mcp__notes__render_chart:' },
          { type: 'image_url', image_url: { url: DATA_URL } },
        ],
      },
    ]);
    // the person sees it on the result's event; the stored steps keep text only
    const result = events.find((e) => e.type === 'tool_result' && e.call_id === 'c1');
    expect(result).toMatchObject({ images: [{ mime_type: 'image/png', data: RED_PIXEL_PNG }] });
    expect(committed.length).toBeGreaterThan(1);
    expect(committed.some((messages) => JSON.stringify(messages).includes(RED_PIXEL_PNG))).toBe(false);
  });

  it('are a note for a model that does not take images', async () => {
    const { outcome, server } = await chartRun(false);
    expect(outcome.status).toBe('completed');
    expect(afterFirstCall(server.requests[1].body.messages)).toEqual([
      { role: 'tool', tool_call_id: 'c1', content: `${OBSERVATION}\n[This model does not take images: the image above was shown to the person only.]` },
    ]);
    expect(JSON.stringify(server.requests[1].body)).not.toContain(RED_PIXEL_PNG);
  });

  it('are named, not sent, once the model server refuses them, and the person is told', async () => {
    const refused = { kind: 'error' as const, status: 400, body: { error: { message: 'Image input is not supported for this model.', type: 'invalid_request_error' } } };
    const committed: ChatMessage[][] = [];
    const { outcome, server, events } = await runScripted(
      (req, i) => (i === 0 ? call('mcp__notes__render_chart', {}, 'c1') : JSON.stringify(req.body).includes('image_url') ? refused : finish('done')),
      { config: { tools: ['mcp'], modelTakesImages: true }, deps: { externalTools: mcp.tools, onStepCommitted: ({ messages }) => void committed.push(messages) } },
    );
    expect(outcome.status).toBe('completed');
    expect(server.requests.length).toBe(3);
    expect(afterFirstCall(server.requests[2].body.messages).at(-1)).toEqual({
      role: 'user',
      content: '[1 image returned by mcp__notes__render_chart: not attached, the model server refused images.]',
    });
    expect(events.filter((e) => e.type === 'error').map((e) => (e.type === 'error' ? [e.code, e.retrying] : []))).toEqual([['images_refused', true]]);
  });
});

describe('the images the conversation sends', () => {
  const tool = (id: string): ChatMessage => ({ role: 'tool', tool_call_id: id, content: id });
  const png = (n: number) => ({ mime_type: 'image/png', data: `P${n}` });

  it(`are the latest ${MAX_CONTEXT_IMAGES}; older ones are named; one message per turn, after all its tool messages`, () => {
    const conversation: Conversation = {
      messages: [
        { role: 'assistant', content: null, tool_calls: [] },
        tool('a'),
        tool('b'),
        { role: 'assistant', content: null, tool_calls: [] },
        tool('c'),
        { role: 'user', content: 'note' },
      ],
    };
    attachImages(conversation, 'a', 'mcp__s__a', [png(1), png(2)]);
    attachImages(conversation, 'b', 'mcp__s__b', [png(3)]);
    attachImages(conversation, 'c', 'mcp__s__c', [png(4), png(5)]);
    const url = (n: number) => ({ type: 'image_url', image_url: { url: `data:image/png;base64,P${n}` } });
    expect(withImages(conversation.messages, conversation.attachments)).toEqual([
      conversation.messages[0],
      tool('a'),
      tool('b'),
      {
        role: 'user',
        content: [
          { type: 'text', text: '[2 images returned by mcp__s__a: no longer attached (only the latest 4 images are sent).]' },
          { type: 'text', text: 'The 1 image returned by mcp__s__b:' },
          url(3),
        ],
      },
      conversation.messages[3],
      tool('c'),
      { role: 'user', content: [{ type: 'text', text: 'The 2 images returned by mcp__s__c:' }, url(4), url(5)] },
      { role: 'user', content: 'note' },
    ]);
    // the first result's images are gone from memory too, not only from the request
    expect(conversation.attachments!.map((a) => [a.call_id, a.images.length, a.count])).toEqual([['a', 0, 2], ['b', 1, 1], ['c', 2, 2]]);
    // no attachments: the very same array (this runs over the whole history at every request)
    expect(withImages(conversation.messages, [])).toBe(conversation.messages);
  });
});
