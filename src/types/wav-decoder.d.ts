// wav-decoder 1.3 ships no types; this is the part of its API rt-sim uses.
declare module 'wav-decoder' {
  export interface AudioData {
    sampleRate: number;
    channelData: Float32Array[];
  }
  export function decode(buffer: ArrayBuffer | Uint8Array, opts?: { symmetric?: boolean }): Promise<AudioData>;
  export namespace decode {
    function sync(buffer: ArrayBuffer | Uint8Array, opts?: { symmetric?: boolean }): AudioData;
  }
  const wavDecoder: { decode: typeof decode };
  export default wavDecoder;
}
