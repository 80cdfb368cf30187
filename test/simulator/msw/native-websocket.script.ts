/**
 * Run by native-websocket.test.ts as `node --experimental-websocket --import tsx <this file>`:
 * Node 20's own global WebSocket (undici), intercepted by msw, talking to the simulator.
 * Prints one JSON line with what the client saw.
 */
import { setupServer } from 'msw/node';
import { RealClock, createRandom } from '../../../src/clock/index.js';
import { createSimulator } from '../../../src/simulator/index.js';
import { createXaiHandler } from '../../../src/simulator/msw/index.js';

const hadNative = typeof globalThis.WebSocket === 'function';
const sim = await createSimulator({
  clock: new RealClock(),
  random: createRandom(1),
  config: { server: { profile: 'xai-2025-12', reply: { transcript: 'Native.', audio: null } } },
  apiKey: null,
});
const server = setupServer(createXaiHandler(sim));
server.listen({ onUnhandledRequest: 'error' });

const types: string[] = [];
const ws = new WebSocket('wss://api.x.ai/v1/realtime?model=grok-voice-latest');
const done = new Promise<void>((resolve) => {
  ws.addEventListener('message', (e) => {
    const event = JSON.parse(String(e.data)) as { type: string };
    types.push(event.type);
    if (event.type === 'conversation.created') ws.send(JSON.stringify({ type: 'response.create' }));
    if (event.type === 'response.done') resolve();
  });
});
await done;
ws.close();
await new Promise<void>((resolve) => ws.addEventListener('close', () => resolve()));
server.close();
await sim.close();
process.stdout.write(`${JSON.stringify({ hadNative, types })}\n`);
