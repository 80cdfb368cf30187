/**
 * Clamps a float sample in [-1, 1] to PCM16 and rounds it: -1 → -32768, 1 → 32767 (the
 * asymmetric scale wav-decoder reads 16-bit files with, so a 16-bit WAV comes back exact).
 */
export function floatToInt16(value: number): number {
  const v = Math.max(-1, Math.min(1, value));
  return v < 0 ? Math.round(v * 32768) : Math.round(v * 32767);
}
