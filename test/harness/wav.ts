// Reads a PCM WAV file (16-bit integer or 32-bit float, any channel count) as mono floats, for
// feeding test speech (espeak-ng's output) to the voice analysis.
import { readFileSync } from 'node:fs';

export interface Wav {
  sampleRate: number;
  samples: Float32Array;
}

export function readWav(path: string): Wav {
  const b = readFileSync(path);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a RIFF/WAVE file`);
  let pos = 12;
  let format = 0;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  while (pos + 8 <= b.length) {
    const id = b.toString('ascii', pos, pos + 4);
    let size = b.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      format = b.readUInt16LE(body);
      channels = b.readUInt16LE(body + 2);
      sampleRate = b.readUInt32LE(body + 4);
      bits = b.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (size === 0xffffffff || body + size > b.length) size = b.length - body; // streamed writers leave the size open
      const frames = Math.floor(size / ((bits / 8) * channels));
      const out = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) {
          const at = body + (i * channels + c) * (bits / 8);
          if (format === 1 && bits === 16) sum += b.readInt16LE(at) / 32768;
          else if (format === 3 && bits === 32) sum += b.readFloatLE(at);
          else throw new Error(`${path}: unsupported WAV format ${format}, ${bits} bits`);
        }
        out[i] = sum / channels;
      }
      return { sampleRate, samples: out };
    }
    pos = body + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}
