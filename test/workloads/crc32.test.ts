import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/workloads/crc32.ts';

describe('crc32', () => {
  it('gives the standard check value of CRC-32 (ISO-HDLC) for "123456789"', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('gives 0 for no bytes', () => {
    expect(crc32(new Uint8Array())).toBe(0);
  });
});
