import { readFileSync } from 'node:fs';

/** Kernel TCP states, as the `st` column of /proc/net/tcp writes them (include/net/tcp_states.h). */
export const TCP_STATES = { established: '01', listen: '0A' } as const;

/** One row of /proc/net/tcp or /proc/net/tcp6, reduced to what the sockets probe needs. */
export interface TcpSocket {
  readonly address: string;
  readonly port: number;
  readonly state: string;
  readonly inode: number;
}

/** Every TCP socket of this network namespace, IPv4 and IPv6; null when either table cannot be read. */
export function readTcpTable(): TcpSocket[] | null {
  try {
    return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((path) => readFileSync(path, 'utf8').split('\n').slice(1).filter(Boolean).map(parseRow));
  } catch {
    return null;
  }
}

/** `sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …`, addresses as `HEX:PORT`. */
function parseRow(row: string): TcpSocket {
  const [, local = '', , state = '', , , , , , inode = '0'] = row.trim().split(/\s+/);
  const [address = '', port = '0'] = local.split(':');
  return { address: decodeAddress(address), port: Number.parseInt(port, 16), state, inode: Number(inode) };
}

/**
 * The kernel prints an address as 32-bit words in host byte order (little-endian here): `0100007F` is 127.0.0.1,
 * and an IPv6 address is four such words.
 */
export function decodeAddress(hex: string): string {
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap((word) => [6, 4, 2, 0].map((at) => Number.parseInt(word.slice(at, at + 2), 16)));
  if (bytes.length === 4) return bytes.join('.');
  const groups = Array.from({ length: 8 }, (_, index) => (((bytes[2 * index] ?? 0) << 8) | (bytes[2 * index + 1] ?? 0)).toString(16));
  // The URL parser writes IPv6 in its canonical short form (RFC 5952), `::1` rather than `0:0:0:0:0:0:0:1`.
  return new URL(`http://[${groups.join(':')}]`).hostname.slice(1, -1);
}
