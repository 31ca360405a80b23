// RFC 4231 §4 test vectors for HMAC-SHA-256, run through the exact keyed HMAC that pseudonymize
// uses (key absorbed once, state cloned per message), each vector twice to show the clone leaves
// the keyed state untouched.
import { describe, expect, it } from 'vitest';
import { createKeyedHmac } from '../../runtime/pseudonymize.js';

const bytes = (byte: number, length: number) => new Uint8Array(length).fill(byte);
const text = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

const VECTORS: { name: string; key: Uint8Array; data: Uint8Array; mac: string }[] = [
  {
    name: 'test case 1: 20-byte key',
    key: bytes(0x0b, 20),
    data: text('Hi There'),
    mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    name: 'test case 2: key shorter than the output',
    key: text('Jefe'),
    data: text('what do ya want for nothing?'),
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    name: 'test case 3: 50 bytes of 0xdd',
    key: bytes(0xaa, 20),
    data: bytes(0xdd, 50),
    mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    name: 'test case 4: 25-byte key 0x01..0x19',
    key: Uint8Array.from({ length: 25 }, (_, i) => i + 1),
    data: bytes(0xcd, 50),
    mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    name: 'test case 6: key larger than the block size',
    key: bytes(0xaa, 131),
    data: text('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'test case 7: key and data larger than the block size',
    key: bytes(0xaa, 131),
    data: text(
      'This is a test using a larger than block-size key and a larger than block-size data. ' +
        'The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

describe('createKeyedHmac (RFC 4231 HMAC-SHA-256)', () => {
  for (const vector of VECTORS) {
    it(vector.name, () => {
      const mac = createKeyedHmac(vector.key);
      expect(hex(mac(vector.data))).toBe(vector.mac);
      expect(hex(mac(vector.data))).toBe(vector.mac);
    });
  }

  it('test case 5: output truncated to 128 bits', () => {
    const mac = createKeyedHmac(bytes(0x0c, 20));
    expect(hex(mac(text('Test With Truncation'))).slice(0, 32)).toBe('a3b6167473100ee06e0c796c2955552b');
  });

  it('keeps one keyed state for many messages in any order', () => {
    const mac = createKeyedHmac(text('Jefe'));
    expect(hex(mac(text('Hi There')))).not.toBe(VECTORS[1]!.mac);
    expect(hex(mac(text('what do ya want for nothing?')))).toBe(VECTORS[1]!.mac);
  });
});
