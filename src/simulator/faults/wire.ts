/**
 * Wire faults with Toxiproxy's names and meanings, applied to whole WebSocket frames of one
 * direction of one connection. Faults chain in the order they were installed; a close
 * started by the simulator travels behind the frames queued before it.
 */
import type { Clock, Random, TimerHandle } from '../../clock/index.js';
import type {
  BandwidthToxic,
  LatencyToxic,
  LimitDataToxic,
  SlicerToxic,
  SlowCloseToxic,
  TimeoutToxic,
  WireFaultName,
} from '../config.js';
import { OrderedDelay } from './ordered-delay.js';

/** What travels on a wire: a text frame, a binary frame (audio with a `binary` transport) or a clean close. */
export type WireItem =
  | { kind: 'text'; text: string }
  | { kind: 'binary'; data: Uint8Array }
  | { kind: 'close'; code: number; reason: string };

/** A wire fault to install: its name and options (`resetPeer` is handled by the session). */
export type WireToxic =
  | { name: 'latency'; options: LatencyToxic }
  | { name: 'bandwidth'; options: BandwidthToxic }
  | { name: 'slicer'; options: SlicerToxic }
  | { name: 'timeout'; options: TimeoutToxic }
  | { name: 'slowClose'; options: SlowCloseToxic }
  | { name: 'limitData'; options: LimitDataToxic };

interface Stage {
  readonly name: WireFaultName;
  push(item: WireItem): void;
  /** Held items, in order, taken out of the stage. */
  drain(): WireItem[];
  dispose(): void;
}

function byteLength(item: WireItem): number {
  if (item.kind === 'binary') return item.data.length;
  return item.kind === 'text' ? Buffer.byteLength(item.text, 'utf8') : 0;
}

/** One direction of one connection. */
export class Wire {
  private stages: Stage[] = [];
  private disposed = false;

  /**
   * @param sink where frames leave the wire
   * @param abort drops the connection (timeout expiry, data limit)
   */
  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly sink: (item: WireItem) => void,
    private readonly abort: (why: string) => void,
  ) {}

  /** Names of the installed faults, in order. */
  faults(): WireFaultName[] {
    return this.stages.map((s) => s.name);
  }

  /** Sends an item through every installed fault. */
  push(item: WireItem): void {
    if (!this.disposed) this.forward(0, item);
  }

  /** Installs a fault after the ones already there. */
  install(toxic: WireToxic): void {
    if (this.disposed) return;
    const next = (item: WireItem): void => {
      if (this.disposed) return;
      // Find this stage's current position: faults may have been cleared meanwhile.
      const at = this.stages.indexOf(stage);
      this.forward(at < 0 ? this.stages.length : at + 1, item);
    };
    const stage = this.makeStage(toxic, next);
    this.stages.push(stage);
  }

  /** Removes every fault; frames they held go on at once, oldest first. */
  clear(): void {
    const stages = this.stages;
    this.stages = [];
    const held: WireItem[] = [];
    for (let i = stages.length - 1; i >= 0; i--) {
      held.push(...stages[i]!.drain());
      stages[i]!.dispose();
    }
    for (const item of held) this.forward(0, item);
  }

  /** Drops everything held and stops all timers. */
  dispose(): void {
    this.disposed = true;
    for (const stage of this.stages) {
      stage.drain();
      stage.dispose();
    }
    this.stages = [];
  }

  private forward(index: number, item: WireItem): void {
    const stage = this.stages[index];
    if (stage) stage.push(item);
    else this.sink(item);
  }

  private makeStage(toxic: WireToxic, next: (item: WireItem) => void): Stage {
    const clock = this.clock;
    switch (toxic.name) {
      case 'latency': {
        const { ms, jitterMs = 0 } = toxic.options;
        const q = new OrderedDelay<WireItem>(clock, next);
        return {
          name: 'latency',
          push: (item) => {
            const jitter = jitterMs > 0 ? (this.random.next() * 2 - 1) * jitterMs : 0;
            q.push(item, clock.now() + Math.max(0, Math.round(ms + jitter)));
          },
          drain: () => q.drain(),
          dispose: () => undefined,
        };
      }
      case 'bandwidth': {
        const { kbps } = toxic.options;
        const q = new OrderedDelay<WireItem>(clock, next);
        let busyUntil = 0;
        return {
          name: 'bandwidth',
          push: (item) => {
            // kbps kilobytes per second = kbps bytes per millisecond.
            busyUntil = Math.max(clock.now(), busyUntil) + byteLength(item) / kbps;
            q.push(item, Math.ceil(busyUntil));
          },
          drain: () => q.drain(),
          dispose: () => undefined,
        };
      }
      case 'slicer': {
        const { averageSize, sizeVariation = 0, delayUs = 0 } = toxic.options;
        const q = new OrderedDelay<WireItem>(clock, next);
        return {
          name: 'slicer',
          push: (item) => {
            let left = byteLength(item);
            let slices = 0;
            while (left > 0) {
              const size = Math.max(
                1,
                averageSize + (sizeVariation > 0 ? this.random.int(-sizeVariation, sizeVariation) : 0),
              );
              left -= size;
              slices++;
            }
            q.push(item, clock.now() + Math.round((Math.max(0, slices - 1) * delayUs) / 1000));
          },
          drain: () => q.drain(),
          dispose: () => undefined,
        };
      }
      case 'timeout': {
        const { ms } = toxic.options;
        let timer: TimerHandle | undefined;
        if (ms > 0) timer = clock.setTimeout(() => this.abort(`timeout fault: nothing got through for ${ms} ms`), ms);
        return {
          name: 'timeout',
          push: (item) => {
            if (item.kind === 'close') next(item);
          },
          drain: () => [],
          dispose: () => clock.clearTimeout(timer),
        };
      }
      case 'slowClose': {
        const { ms } = toxic.options;
        const q = new OrderedDelay<WireItem>(clock, next);
        return {
          name: 'slowClose',
          push: (item) => q.push(item, item.kind === 'close' ? clock.now() + ms : clock.now()),
          drain: () => q.drain(),
          dispose: () => undefined,
        };
      }
      case 'limitData': {
        const { bytes } = toxic.options;
        let used = 0;
        let tripped = false;
        return {
          name: 'limitData',
          push: (item) => {
            if (tripped) return;
            used += byteLength(item);
            if (used > bytes) {
              tripped = true;
              this.abort(`limitData fault: more than ${bytes} bytes`);
              return;
            }
            next(item);
          },
          drain: () => [],
          dispose: () => undefined,
        };
      }
    }
  }
}
