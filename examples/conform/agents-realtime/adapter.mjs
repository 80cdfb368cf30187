// An rt-sim conform adapter for @openai/agents-realtime (docs/conform.md): commands on stdin,
// replies and events on stdout, one JSON object a line; the log on stderr.
//   npm install && npx rt-sim conform --adapter "node adapter.mjs"
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { RealtimeAgent, RealtimeSession, tool } from '@openai/agents-realtime';

const out = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
const log = (...args) => process.stderr.write(`${args.join(' ')}\n`);

let session;
let instructions = '';
let tools = [];
const inFlight = new Set();

/** An agent with the current instructions and tools; a tool with a `result` answers with it. */
function agent() {
  return new RealtimeAgent({
    name: 'conform',
    instructions,
    tools: tools.map((t) =>
      tool({
        name: t.name,
        description: t.description ?? '',
        parameters: t.parameters ?? { type: 'object', properties: {}, required: [], additionalProperties: false },
        strict: false,
        execute: async () => t.result ?? '',
      }),
    ),
  });
}

/** The WAV file's PCM16 data (a 44-byte header, as rt-sim writes it). */
async function pcmOf(file) {
  const bytes = await readFile(file);
  return bytes.subarray(44);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const commands = {
  async connect({ url, apiKey, options }) {
    instructions = options.instructions ?? '';
    session = new RealtimeSession(agent(), {
      transport: 'websocket',
      model: 'grok-4-1-fast-non-reasoning',
      config: {
        // The library's default is semantic_vad, which xAI does not offer; null is manual turns.
        audio: {
          input: { turnDetection: options.turnDetection === undefined ? { type: 'server_vad' } : options.turnDetection },
          ...(options.voice ? { output: { voice: options.voice } } : {}),
        },
      },
    });
    session.transport.on('*', (event) => {
      if (event.type === 'response.created') {
        inFlight.add(event.response?.id);
        out({ event: 'response_started', responseId: event.response?.id });
      } else if (event.type === 'response.done') {
        inFlight.delete(event.response?.id);
        out({ event: 'done', responseId: event.response?.id });
      } else if (event.type === 'response.function_call_arguments.done') {
        out({ event: 'function_call', callId: event.call_id, name: event.name, arguments: event.arguments });
      } else if (event.type === 'error') {
        out({ event: 'error', message: JSON.stringify(event.error ?? event) });
      }
    });
    session.on('error', (e) => log('session error:', e?.error?.message ?? JSON.stringify(e)));
    await session.connect({ apiKey, url });
    // The library surfaces no metrics and no reconnects: say so, and rt-sim marks those checks n/a.
    return { events: ['response_started', 'done', 'function_call', 'error'] };
  },
  async update_instructions({ instructions: text }) {
    instructions = text;
    await session.updateAgent(agent());
  },
  async update_tools({ tools: given }) {
    tools = given;
    await session.updateAgent(agent());
  },
  async update_chat_ctx({ items, append }) {
    if (!append) log('update_chat_ctx: replacing the history is not supported here; appending');
    for (const item of items)
      if (item.role)
        session.transport.sendEvent({
          type: 'conversation.item.create',
          item: {
            type: 'message',
            role: item.role,
            content: [{ type: item.role === 'assistant' ? 'output_text' : 'input_text', text: item.text ?? '' }],
          },
        });
  },
  async generate_reply({ instructions: text }) {
    session.transport.sendEvent({ type: 'response.create', ...(text ? { response: { instructions: text } } : {}) });
  },
  async push_audio({ file, rate, frameMs, realtime }) {
    if (rate !== 24000) log(`push_audio: ${rate} Hz sent as is; this adapter does not resample`);
    const pcm = await pcmOf(file);
    const step = Math.round((rate * frameMs) / 1000) * 2;
    for (let i = 0; i < pcm.length; i += step) {
      const chunk = pcm.subarray(i, i + step);
      session.sendAudio(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
      if (realtime) await sleep(frameMs);
    }
  },
  async commit() {
    session.transport.sendEvent({ type: 'input_audio_buffer.commit' });
  },
  async interrupt() {
    session.interrupt();
  },
  async truncate({ messageId, audioEndMs }) {
    session.transport.sendEvent({
      type: 'conversation.item.truncate',
      item_id: messageId,
      content_index: 0,
      audio_end_ms: audioEndMs,
    });
  },
  async close() {
    session.close();
  },
};

const running = [];
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const { id, cmd, ...data } = JSON.parse(line);
  // A command this client has no way to do: the scenario is then reported not applicable.
  const run = commands[cmd] ?? (async () => Promise.reject(Object.assign(new Error(cmd), { code: 'unsupported' })));
  running.push(
    run(data).then(
      (extra) => out({ id, ok: true, ...extra }),
      (e) => out({ id, ok: false, error: { code: e?.code, message: e?.message ?? e?.error?.message ?? String(e) } }),
    ),
  );
}
await Promise.allSettled(running);
process.exit(0);
