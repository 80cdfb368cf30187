/**
 * Hand-assembled WebAssembly SIMD kernel for the resampler's integer down-factors (48k → 24k,
 * 24k → 8k …), issue 14 (P4). Written because measurement said so: the best scalar JS loop
 * (four interleaved sums) took about 125 ms of CPU per minute of 48 kHz audio, where P4 allows
 * 60 ms for the whole client path (and its floor target about 20); this kernel takes 20-27 ms
 * (docs/resampler.md, "Speed of the client's input path").
 *
 * Bit-identity (the goldens hold a sha of every append): each SIMD lane is one output, and a
 * lane sums its taps in tap order from 0, the float64 products and additions of the scalar
 * loop (wasm never fuses a multiply and an add). Rounding copies V8's Math.round (ceil, then
 * one down if that overshot by more than half); the saturating conversion and narrowing clamp
 * as Math.min/max did. The scalar loop stays as the fallback where SIMD is missing;
 * test/audio/resampler-identity.test.ts holds both to the pre-issue-14 converter.
 *
 * No toolchain: the bytes are built below from the opcode numbers of the WebAssembly core and
 * SIMD specs, one small module per down-factor (its strides are constants in the code).
 */

/** Outputs per kernel call: bounds the scratch memory whatever a caller pushes at once. */
const BLOCK = 2048;
/** f64x2 sums per pass of the tap loop, two outputs each (4, 8 and 12 measured alike). */
const GROUP_VECTORS = 8;

const I32 = 0x7f;
const V128 = 0x7b;

/** Unsigned LEB128. */
function u(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
function s(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function f64(x: number): number[] {
  return [...new Uint8Array(new Float64Array([x]).buffer)];
}

const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...u(op), ...imm];
const get = (i: number): number[] => [0x20, ...u(i)];
const set = (i: number): number[] => [0x21, ...u(i)];
const i32c = (n: number): number[] => [0x41, ...s(n)];
const ADD = 0x6a;
const MUL = 0x6c;
const SHL = 0x74;
const LT_S = 0x48;
const GE_S = 0x4e;
/** Shuffle lanes: bytes 8-15 of the first operand, twice (its high half moved low). */
const HIGH_HALF = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
const f64x2Add = simd(0xf0);
const f64x2Mul = simd(0xf2);
const zeroV128 = simd(0x0c, ...new Array<number>(16).fill(0));

// Parameters: hist window (int16), table (float64), pair scratch, int16 output (byte
// addresses); taps, down, outputs.
const [H, T, P, O, TAPS, D, N] = [0, 1, 2, 3, 4, 5, 6];
// i32 locals, then v128.
const [K, Q, R, END, TP, TEND] = [7, 8, 9, 10, 11, 12];
const ACC = 13; // ACC .. ACC + GROUP_VECTORS - 1
const C = ACC + GROUP_VECTORS;
const RV = C + 1;

/**
 * Rounds the two sums of `ACC + v` like Math.round (V8's way: ceil, then one down when that
 * overshot by more than half), clamps them to int16 (the saturating conversion and narrowing
 * do that) and stores them as outputs K + 2v and K + 2v + 1.
 */
function storeRoundedPair(v: number): number[] {
  const half = simd(0x0c, ...f64(0.5), ...f64(0.5));
  const one = simd(0x0c, ...f64(1), ...f64(1));
  return [
    ...get(O),
    ...get(K),
    ...i32c(1),
    SHL,
    ADD,
    ...get(ACC + v),
    ...simd(0x74), // f64x2.ceil
    0x22,
    ...u(RV),
    ...one,
    ...simd(0xf1), // f64x2.sub: r - 1
    ...get(RV),
    ...get(RV),
    ...half,
    ...simd(0xf1),
    ...get(ACC + v),
    ...simd(0x4a), // f64x2.gt: r - 0.5 > x
    ...simd(0x52), // v128.bitselect
    ...simd(0xfc), // i32x4.trunc_sat_f64x2_s_zero
    0x22,
    ...u(RV),
    ...get(RV),
    ...simd(0x85), // i16x8.narrow_i32x4_s
    ...simd(0x5a, 1, ...u(4 * v), 0), // v128.store32_lane, lane 0
  ];
}

/**
 * Loop over the taps (two per pass: taps are always even) for `vectors` sums whose pairs start
 * at Q, Q + stride, …; the strides are constant offsets of the loads, so the loop body is
 * little more than a load, a multiply and an add per sum. Q and TP advance.
 */
function tapLoop(vectors: number, stride: number): number[] {
  const body: number[] = [...get(T), ...set(TP)];
  for (let v = 0; v < vectors; v++) body.push(...zeroV128, ...set(ACC + v));
  body.push(0x03, 0x40);
  for (const half of [0, 1]) {
    body.push(...get(TP), ...simd(0x0a, 3, ...u(8 * half)), ...set(C));
    for (let v = 0; v < vectors; v++) {
      body.push(...get(ACC + v), ...get(Q), ...simd(0x00, 4, ...u(v * stride + 16 * half)));
      body.push(...get(C), ...f64x2Mul, ...f64x2Add, ...set(ACC + v));
    }
  }
  body.push(...get(Q), ...i32c(32), ADD, ...set(Q));
  body.push(...get(TP), ...i32c(16), ADD, 0x22, ...u(TP), ...get(TEND), LT_S, 0x0d, 0, 0x0b);
  return body;
}

function body(down: number): number[] {
  const code: number[] = [];
  // Pairs: P[i] = (H[i], H[i + d]) as float64 (H is int16) for i < (n + 1) * d + taps, so lane 1
  // of a pair is the next output.
  code.push(...get(H), ...set(R), ...get(P), ...set(Q));
  code.push(
    ...get(N),
    ...i32c(1),
    ADD,
    ...get(D),
    MUL,
    ...get(TAPS),
    ADD,
    ...i32c(1),
    SHL,
    ...get(H),
    ADD,
    ...set(END),
  );
  // Four pairs per pass (up to three past the end, into slack): H[i..i+3] and H[i+d..i+d+3]
  // interleaved, widened to int32, and each half converted to a float64 pair.
  const [mixed, wide] = [ACC, ACC + 1];
  code.push(0x03, 0x40, ...get(R), ...simd(0x5d, 3, 0), ...get(R), ...simd(0x5d, 3, ...u(2 * down)));
  code.push(...simd(0x0d, 0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23), ...set(mixed));
  for (const [extend, at] of [
    [0xa7, 0],
    [0xa8, 32],
  ] as const) {
    code.push(...get(mixed), ...simd(extend), ...set(wide));
    code.push(...get(Q), ...get(wide), ...simd(0xfe), ...simd(0x0b, 4, ...u(at)));
    code.push(...get(Q), ...get(wide), ...get(wide), ...simd(0x0d, ...HIGH_HALF), ...simd(0xfe));
    code.push(...simd(0x0b, 4, ...u(at + 16)));
  }
  code.push(...get(Q), ...i32c(64), ADD, ...set(Q), ...get(R), ...i32c(8), ADD, 0x22, ...u(R), ...get(END), LT_S);
  code.push(0x0d, 0, 0x0b);
  code.push(...get(TAPS), ...i32c(3), SHL, ...get(T), ADD, ...set(TEND));
  // Bytes from one output pair's pairs to the next pair's: 2 outputs * down samples * 16 bytes.
  const stride = down * 32;
  const outputs = 2 * GROUP_VECTORS;
  // Groups of 16 outputs.
  code.push(...i32c(0), ...set(K));
  code.push(0x02, 0x40, 0x03, 0x40);
  code.push(...get(K), ...i32c(outputs), ADD, ...get(N), 0x4a /* i32.gt_s */, 0x0d, 1);
  // Q = P + k * d * 16
  code.push(...get(P), ...get(K), ...get(D), MUL, ...i32c(4), SHL, ADD, ...set(Q));
  code.push(...tapLoop(GROUP_VECTORS, stride));
  for (let v = 0; v < GROUP_VECTORS; v++) code.push(...storeRoundedPair(v));
  code.push(...get(K), ...i32c(outputs), ADD, ...set(K), 0x0c, 0, 0x0b, 0x0b);
  // The rest two at a time; when n is odd the last store writes output n too, into the slack
  // after the outputs, which the caller never reads.
  code.push(0x02, 0x40, 0x03, 0x40);
  code.push(...get(K), ...get(N), GE_S, 0x0d, 1);
  code.push(...get(P), ...get(K), ...get(D), MUL, ...i32c(4), SHL, ADD, ...set(Q));
  code.push(...tapLoop(1, stride));
  code.push(...storeRoundedPair(0));
  code.push(...get(K), ...i32c(2), ADD, ...set(K), 0x0c, 0, 0x0b, 0x0b);
  code.push(0x0b);
  const locals = [...u(2), ...u(6), I32, ...u(GROUP_VECTORS + 2), V128];
  return [...locals, ...code];
}

function section(id: number, content: number[]): number[] {
  return [id, ...u(content.length), ...content];
}

function moduleBytes(down: number): Uint8Array {
  const fn = body(down);
  const name = [...new TextEncoder().encode('decimate')];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 7, I32, I32, I32, I32, I32, I32, I32, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...u(name.length), ...name, 0, 0, ...u(6), ...new TextEncoder().encode('memory'), 2, 0]),
    ...section(10, [1, ...u(fn.length), ...fn]),
  ]);
}

/** The slice of the WebAssembly API used here (lib ES2023 has no WebAssembly types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: { memory: WasmMemory; decimate: (...args: number[]) => void } };
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Decimates by one integer factor: output k is the filter over `hist[start + k * down + j]`, j < taps. */
export interface Decimator {
  /** The next `n` outputs, a fresh array. */
  run(hist: Int16Array, start: number, table: Float64Array, n: number): Int16Array;
  /** {@link run}, as a view on the kernel's memory that its next call overwrites (a fresh array above one block). */
  runView(hist: Int16Array, start: number, table: Float64Array, n: number): Int16Array;
}

/** One kernel per down-factor (its strides are constants in the code); null where SIMD is missing. */
const kernels = new Map<number, Decimator | null>();
let disabled = false;

/** Tests force the scalar loop with `true` (to hold that fallback to the oracle too). */
export function disableSimdForTests(value: boolean): void {
  disabled = value;
}

/**
 * The process's SIMD decimator for `down`, or null: then the caller runs its scalar loop. Null
 * where WebAssembly SIMD is missing, and for an odd tap count (the loop takes taps two by two).
 */
export function simdDecimator(down: number, taps: number): Decimator | null {
  if (disabled || taps % 2 !== 0) return null;
  let kernel = kernels.get(down);
  if (kernel === undefined) {
    kernel = makeDecimator(down);
    kernels.set(down, kernel);
  }
  return kernel;
}

function makeDecimator(down: number): Decimator | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const bytes = moduleBytes(down);
  if (!wasm?.validate(bytes)) return null;
  const { memory, decimate } = new wasm.Instance(new wasm.Module(bytes)).exports;
  // Views and the table in memory stay until the memory grows or another table comes (calls
  // come every 10 ms; building views and copying the table each time showed in the profile).
  let f = new Float64Array(memory.buffer);
  let i16 = new Int16Array(memory.buffer);
  let tableIn: Float64Array | null = null;
  /** The outputs in the kernel's memory (at most one block), or in `out` when given. */
  const compute = (hist: Int16Array, start: number, table: Float64Array, count: number, out: Int16Array | null) => {
    const taps = table.length;
    // Layout in bytes: table, hist window, pairs, int16 output; 16-byte aligned.
    // Samples (and pairs) the kernel may touch, with slack for its four-pair steps.
    const windowLen = (BLOCK + 1) * down + taps + down + 8;
    const h = align16(taps * 8);
    const p = h + align16(windowLen * 2);
    const o = p + windowLen * 16;
    const bytesNeeded = o + BLOCK * 2 + 16;
    // memory.buffer is a call into the engine: read only when the memory must grow.
    if (f.byteLength < bytesNeeded) {
      memory.grow(Math.ceil((bytesNeeded - f.byteLength) / 65536));
      f = new Float64Array(memory.buffer);
      i16 = new Int16Array(memory.buffer);
      tableIn = null;
    }
    if (tableIn !== table) {
      f.set(table, 0);
      tableIn = table;
    }
    for (let k0 = 0; k0 < count; k0 += BLOCK) {
      const n = Math.min(BLOCK, count - k0);
      const from = start + k0 * down;
      // Only the samples outputs < n read; whatever lies beyond feeds dropped lanes only.
      i16.set(hist.subarray(from, Math.min(hist.length, from + n * down + taps)), h / 2);
      decimate(h, 0, p, o, taps, down, n);
      if (!out) return i16.subarray(o / 2, o / 2 + n);
      out.set(i16.subarray(o / 2, o / 2 + n), k0);
    }
    return out ?? new Int16Array(0);
  };
  return {
    run: (hist, start, table, count) =>
      count > BLOCK
        ? compute(hist, start, table, count, new Int16Array(count))
        : compute(hist, start, table, count, null).slice(),
    runView: (hist, start, table, count) =>
      compute(hist, start, table, count, count > BLOCK ? new Int16Array(count) : null),
  };
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}
