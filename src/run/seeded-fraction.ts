import { createHash } from 'node:crypto';

/**
 * A number in [0, 1) that depends only on the seed and the names given: a trial's random choices are the same
 * whichever shard, order or concurrency runs it.
 */
export function seededFraction(seed: number, ...names: readonly (string | number)[]): number {
  const digest = createHash('sha256')
    .update([seed, ...names].join('\0'))
    .digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}
