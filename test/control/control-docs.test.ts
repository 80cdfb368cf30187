import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createControlClient } from '../../src/control/index.js';
import type { ServedScenario } from '../../src/harness/index.js';
import { blockValidators, loadScenario, serveScenario } from '../../src/harness/index.js';
import { open, terminateAll } from '../harness/serve-client.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOC = readFileSync(path.join(ROOT, 'docs/control.md'), 'utf8');

let served: ServedScenario | undefined;
afterEach(async () => {
  terminateAll();
  await served?.close();
  served = undefined;
});

describe('docs/control.md', () => {
  it('gives action lists that a served scenario takes, each on a connection of its own', async () => {
    const rows = [...DOC.matchAll(/^\| [^|]+ \| `(\[.*\])` \|$/gm)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThanOrEqual(13);
    served = await serveScenario(await loadScenario(path.join(ROOT, 'scenarios/text-reply.yaml'), blockValidators), {
      port: 0,
      anyKey: true,
    });
    const control = createControlClient(served.url);
    for (const [i, row] of rows.entries()) {
      const c = await open(served.url);
      await c.next('conversation.created');
      const list = JSON.parse(row) as unknown[];
      await expect(control.act(list as never, { connection: i + 1 }), row).resolves.toMatchObject({
        done: list.length,
      });
      await control.reset(); // a refusal or a failure left unused would meet the next row
    }
  });

  it('shows the error body the API answers for a latency below 0', async () => {
    const shown = JSON.parse(/```json\n(.*)\n```/.exec(DOC)![1]!);
    served = await serveScenario(await loadScenario(path.join(ROOT, 'scenarios/text-reply.yaml'), blockValidators), {
      port: 0,
      anyKey: true,
    });
    const c = await open(served.url);
    await c.next('conversation.created');
    const res = await fetch(new URL('actions', createControlClient(served.url).baseUrl), {
      method: 'POST',
      body: JSON.stringify({ connection: 1, do: [{ latency: { ms: -5 } }] }),
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(await res.text())).toEqual(shown);
  });
});
