import fc from 'fast-check';
import type { PcmRate } from '../protocol/index.js';
import type { ClientSetup } from './fuzz-case.js';

/**
 * Client options: server VAD or manual turns, audio or text output, a retry budget of 1–3
 * retries 100–600 ms apart (short, so a run stays a few simulated seconds), and sometimes
 * a short half-open detection time (`idleTimeoutMs`); 1 case in 5 recycles its socket every
 * 1.5–4 s (`maxSessionDuration`, §5.4), and 1 in 4 asks for output audio at a rate other than
 * 24 kHz (`outputAudioRate`, §1.5).
 */
export function clientSetupArbitrary(): fc.Arbitrary<ClientSetup> {
  return fc.record({
    manualTurns: fc.boolean(),
    textOnly: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
    maxRetry: fc.integer({ min: 1, max: 3 }),
    retryIntervalMs: fc.integer({ min: 1, max: 6 }).map((n) => n * 100),
    idleTimeoutMs: fc.option(
      fc.integer({ min: 8, max: 25 }).map((n) => n * 100),
      { nil: null, freq: 2 },
    ),
    maxSessionDurationMs: fc.option(
      fc.integer({ min: 15, max: 40 }).map((n) => n * 100),
      { nil: null, freq: 4 },
    ),
    outputAudioRate: fc.oneof(
      { arbitrary: fc.constant<PcmRate>(24000), weight: 3 },
      { arbitrary: fc.constantFrom<PcmRate>(8000, 16000, 22050, 32000, 44100, 48000), weight: 1 },
    ),
  });
}
