import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder, removed after the current test. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rtsim-transcript-'));
    dirs.push(dir);
    return dir;
  };
}

/** `samples` samples of a 440 Hz tone at 24 kHz as wire base64 (little-endian PCM16). */
export function toneBase64(samples: number, phase = 0): string {
  const bytes = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    bytes.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * (i + phase)) / 24000)), i * 2);
  return bytes.toString('base64');
}
