/**
 * Seeded randomness. Like time, chance only comes from `src/clock`: every jitter, toxicity
 * roll and generated id is drawn from a `Random` made from a seed that failures print.
 */
export interface Random {
  /** The seed this generator was made from. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** `n` lowercase hex characters. */
  hex(n: number): string;
  /** A new independent generator derived from this one and a label. */
  fork(label: string): Random;
}

/** Creates a deterministic generator (mulberry32) from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    seed: seed >>> 0,
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    hex(n) {
      let out = '';
      for (let i = 0; i < n; i++) out += Math.floor(next() * 16).toString(16);
      return out;
    },
    fork(label) {
      let h = 2166136261 ^ random.int(0, 0xffffffff);
      for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
      return createRandom(h >>> 0);
    },
  };
  return random;
}
