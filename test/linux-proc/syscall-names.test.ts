import { describe, expect, it } from 'vitest';
import { nameSystemCall } from '../../src/linux-proc/syscall-names.ts';

describe('nameSystemCall', () => {
  it('names the blocking calls by their number on x86_64 and on aarch64, which numbers them differently', () => {
    expect([0, 202, 61, 281].map((number) => nameSystemCall(number, 'x64'))).toEqual(['read', 'futex', 'wait4', 'epoll_pwait']);
    expect([63, 98, 260, 22].map((number) => nameSystemCall(number, 'arm64'))).toEqual(['read', 'futex', 'wait4', 'epoll_pwait']);
  });

  it('gives the bare number of a call outside its table, or on another architecture', () => {
    expect([nameSystemCall(9999, 'x64'), nameSystemCall(0, 'riscv64')]).toEqual(['syscall 9999', 'syscall 0']);
  });
});
