import type { IntegrityCheck } from '../workload/define-workload.ts';
import { crc32 } from './crc32.ts';
import { judgeRecords } from './journal-format.ts';

/** The records file's name in the workload's data directory, shared by the writer and verify(). */
export const RECORDS_FILE = 'records.log';
const BODY_LENGTH = 64;
/** `<seq> <body length> <CRC-32 of the body, 8 hex digits>`, then a newline. */
const HEADER = /^(\d+) (\d+) ([0-9a-f]{8})$/;

/** One record as its two writes: a header line announcing the body's length and checksum, then the body. */
export function encodeRecord(seq: number): { header: Buffer; body: Buffer } {
  const body = Buffer.from(`${`record ${seq} `.padEnd(BODY_LENGTH - 1, '#')}\n`);
  return { header: Buffer.from(`${seq} ${body.length} ${checksumOf(body)}\n`), body };
}

/** What a records file holds: the sequence numbers of whole records, and a description of each torn one. */
export interface RecordsScan {
  readonly intact: Set<string>;
  readonly torn: string[];
}

/**
 * Reads header after header. A record is torn when its body is shorter than its header announces (the writer was
 * stopped between its two writes) or fails its checksum; a header that cannot be parsed ends the scan, since
 * nothing after it says where the next record starts.
 */
export function scanRecords(bytes: Buffer): RecordsScan {
  const intact = new Set<string>();
  const torn: string[] = [];
  for (let offset = 0; offset < bytes.length;) {
    const headerEnd = bytes.indexOf('\n', offset);
    const header = headerEnd < 0 ? null : HEADER.exec(bytes.toString('latin1', offset, headerEnd));
    if (header === null) {
      torn.push(`${headerEnd < 0 ? 'partial' : 'unreadable'} header at byte ${offset}`);
      break;
    }
    const [, seq = '', length = '', checksum] = header;
    const body = bytes.subarray(headerEnd + 1, headerEnd + 1 + Number(length));
    offset = headerEnd + 1 + Number(length);
    if (body.length < Number(length)) torn.push(`record ${seq}: its header announces ${length} bytes of body, ${body.length} follow`);
    else if (checksumOf(body) !== checksum) torn.push(`record ${seq}: its body fails its checksum`);
    else intact.add(seq);
  }
  return { intact, torn };
}

/**
 * Checks the file against what the writer acknowledged: an acknowledged record that is not whole is missing; every
 * torn record counts as torn, acknowledged or not (the writer acknowledges only after both writes).
 */
export function checkRecords(bytes: Buffer | null, acknowledged: string[]): IntegrityCheck {
  return judgeRecords({ file: RECORDS_FILE, found: bytes !== null, ...scanRecords(bytes ?? Buffer.alloc(0)) }, acknowledged);
}

function checksumOf(body: Buffer): string {
  return crc32(body).toString(16).padStart(8, '0');
}
