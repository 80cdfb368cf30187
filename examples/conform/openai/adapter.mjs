// An rt-sim conform adapter for the openai package's realtime WebSocket client
// (OpenAIRealtimeWS, docs/conform.md): commands on stdin, replies and events on stdout, one JSON
// object a line; the log on stderr.
//   npm install && npx rt-sim conform --adapter "node adapter.mjs"
// OpenAIRealtimeWS is a thin socket: this adapter sends the protocol's client events itself, as
// an application on top of it does.
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';

const out = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
const log = (...args) => process.stderr.write(`${args.join(' ')}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let rt;
let open;
const results = new Map();
let itemIds = 0;
/** Item ids of this conversation, in order, for append and truncate. */
const items = [];

/** The session fields of a scenario's client options this adapter knows: voice, turn detection, instructions. */
function sessionOf(options) {
  const input = options.turnDetection === undefined ? {} : { input: { turn_detection: options.turnDetection } };
  const output = options.voice ? { output: { voice: options.voice } } : {};
  return { audio: { ...input, ...output }, ...(options.instructions ? { instructions: options.instructions } : {}) };
}

function sessionUpdate(session) {
  rt.send({ type: 'session.update', session: { type: 'realtime', ...session } });
}

/** Answers calls to tools with a `result`, then asks for the next reply, as an agent does. */
function answerCalls(response) {
  const calls = (response.output ?? []).filter((o) => o.type === 'function_call' && results.has(o.name));
  for (const c of calls)
    rt.send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: c.call_id, output: results.get(c.name) },
    });
  if (calls.length > 0) rt.send({ type: 'response.create' });
}

const commands = {
  async connect({ url, apiKey, options }) {
    const u = new URL(url);
    const client = new OpenAI({ apiKey, baseURL: `http://${u.host}${u.pathname.replace(/\/realtime$/, '')}` });
    // The library only speaks wss:; rt-sim serves plain ws on loopback, so the TLS layer is skipped.
    rt = new OpenAIRealtimeWS(
      { model: 'grok-4-1-fast-non-reasoning', options: { createConnection: (o) => net.connect(o.port, o.host) } },
      client,
    );
    rt.on('event', (e) => {
      if (e.type === 'response.created') out({ event: 'response_started', responseId: e.response.id });
      else if (e.type === 'response.done') {
        out({ event: 'done', responseId: e.response.id });
        answerCalls(e.response);
      } else if (e.type === 'response.function_call_arguments.done')
        out({ event: 'function_call', callId: e.call_id, name: e.name, arguments: e.arguments });
      else if (e.type === 'conversation.item.added' || e.type === 'conversation.item.created') items.push(e.item?.id);
      else if (e.type === 'input_audio_buffer.speech_started') out({ event: 'speech_started' });
      else if (e.type === 'input_audio_buffer.speech_stopped') out({ event: 'speech_stopped' });
      else if (e.type === 'conversation.item.input_audio_transcription.completed')
        out({ event: 'input_transcript', itemId: e.item_id, text: e.transcript });
    });
    rt.on('error', (e) => out({ event: 'error', message: e.message }));
    open = new Promise((resolve, reject) => {
      rt.socket.once('open', resolve);
      rt.socket.once('error', reject);
    });
    await open;
    sessionUpdate(sessionOf(options));
    return {
      events: ['response_started', 'done', 'function_call', 'error', 'speech_started', 'speech_stopped', 'input_transcript'],
    };
  },
  async update_options({ options }) {
    sessionUpdate(sessionOf(options));
  },
  async clear_audio() {
    rt.send({ type: 'input_audio_buffer.clear' });
  },
  async update_instructions({ instructions }) {
    sessionUpdate({ instructions });
  },
  async update_tools({ tools }) {
    for (const t of tools) if (t.result !== undefined) results.set(t.name, t.result);
    sessionUpdate({
      tools: tools.map((t) => ({ type: 'function', name: t.name, description: t.description ?? '', parameters: t.parameters ?? {} })),
    });
  },
  async update_chat_ctx({ items: given, append }) {
    if (!append) for (const id of items.splice(0)) rt.send({ type: 'conversation.item.delete', item_id: id });
    for (const item of given) {
      if (!item.role) continue;
      rt.send({
        type: 'conversation.item.create',
        item: {
          id: item.id ?? `item_conform_${++itemIds}`,
          type: 'message',
          role: item.role,
          content: [{ type: item.role === 'assistant' ? 'output_text' : 'input_text', text: item.text ?? '' }],
        },
      });
    }
  },
  async generate_reply({ instructions }) {
    rt.send({ type: 'response.create', ...(instructions ? { response: { instructions } } : {}) });
  },
  async push_audio({ file, rate, channels, frameMs, realtime }) {
    if (rate !== 24000 || channels !== 1) log(`push_audio: ${rate} Hz x ${channels} sent as is; no resampling here`);
    const pcm = (await readFile(file)).subarray(44);
    const step = Math.round((rate * frameMs) / 1000) * 2 * channels;
    for (let i = 0; i < pcm.length; i += step) {
      rt.send({ type: 'input_audio_buffer.append', audio: pcm.subarray(i, i + step).toString('base64') });
      if (realtime) await sleep(frameMs);
    }
  },
  async commit() {
    rt.send({ type: 'input_audio_buffer.commit' });
  },
  async interrupt() {
    rt.send({ type: 'response.cancel' });
  },
  async truncate({ messageId, audioEndMs }) {
    rt.send({ type: 'conversation.item.truncate', item_id: messageId, content_index: 0, audio_end_ms: audioEndMs });
  },
  async close() {
    rt.close();
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
