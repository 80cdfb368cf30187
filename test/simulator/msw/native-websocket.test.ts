import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./native-websocket.script.ts', import.meta.url));

describe("createXaiHandler with Node 20's own WebSocket (--experimental-websocket)", () => {
  it('intercepts the native global WebSocket when Node runs with --experimental-websocket', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--experimental-websocket', '--import', 'tsx', script],
        { cwd: process.cwd(), timeout: 20_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { hadNative: boolean; types: string[] };
    expect(result.hadNative).toBe(true);
    expect(result.types[0]).toBe('conversation.created');
    expect(result.types.at(-1)).toBe('response.done');
    expect(result.types).toContain('response.output_audio_transcript.delta');
  });
});
