// Hashing is injected: Node's crypto in the services, WebCrypto in a browser. Both give
// lowercase hex SHA-256.
export interface Hasher {
  sha256(data: string | Uint8Array): Promise<string>;
}

/** WebCrypto (browsers, Node's globalThis.crypto). */
export function webCryptoHasher(subtle: SubtleCrypto): Hasher {
  const encoder = new TextEncoder();
  return {
    async sha256(data) {
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
      return toHex(new Uint8Array(digest));
    },
  };
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error(`not lowercase hex: "${hex.slice(0, 20)}"`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export const ZERO_HASH = '0'.repeat(64);
export const HASH_PATTERN = /^[0-9a-f]{64}$/;
