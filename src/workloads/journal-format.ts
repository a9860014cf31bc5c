import type { IntegrityCheck } from '../workload/define-workload.ts';
import { crc32 } from './crc32.ts';

/** The journal's file name in the workload's directory, shared by the writer and verify(). */
export const JOURNAL_FILE = 'journal.log';
const PAYLOAD_LENGTH = 64;

/** One record, one line: `seq,payload,checksum`, the checksum being the CRC-32 of `seq,payload` in 8 hex digits. */
export function encodeRecord(seq: number): Buffer {
  const body = `${seq},${`record ${seq} `.padEnd(PAYLOAD_LENGTH, '#')}`;
  return Buffer.from(`${body},${checksumOf(body)}\n`);
}

/** What a journal holds: the sequence numbers of intact records, and a description of each damaged one. */
export interface JournalScan {
  readonly intact: Set<string>;
  readonly torn: string[];
}

/** A damaged record is a line whose checksum does not match, or a last line without its newline (a partial write). */
export function scanJournal(text: string): JournalScan {
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  const intact = new Set<string>();
  const torn: string[] = [];
  lines.forEach((line, index) => {
    const seq = readIntactRecord(line);
    if (seq === null) torn.push(`line ${index + 1} fails its checksum`);
    else intact.add(seq);
  });
  if (tail !== '') torn.push(`partial last record (${tail.length} bytes, no newline)`);
  return { intact, torn };
}

/**
 * Checks the journal against what the writer acknowledged: an acknowledged record without an intact line is
 * missing; every damaged line counts as torn, acknowledged or not, since its sequence number cannot be trusted.
 */
export function checkJournal(text: string | null, acknowledged: string[]): IntegrityCheck {
  return judgeRecords({ file: JOURNAL_FILE, found: text !== null, ...scanJournal(text ?? '') }, acknowledged);
}

/** What a scan of a record file found: the records whole, and one line per torn one. */
export interface RecordScan {
  readonly file: string;
  readonly found: boolean;
  readonly intact: ReadonlySet<string>;
  readonly torn: readonly string[];
}

/** Of the acknowledged records, those not whole are missing; torn ones count whether acknowledged or not. */
export function judgeRecords({ file, found, intact, torn }: RecordScan, acknowledged: string[]): IntegrityCheck {
  const missing = acknowledged.filter((seq) => !intact.has(seq));
  const problems = [...(found ? [] : [`${file} not found`]), ...(missing.length > 0 ? [`acknowledged but not whole: ${summarize(missing)}`] : []), ...torn];
  return { acknowledged: acknowledged.length, missing: missing.length, torn: torn.length, ...(problems.length > 0 && { detail: problems.join('; ') }) };
}

function readIntactRecord(line: string): string | null {
  const lastComma = line.lastIndexOf(',');
  const body = line.slice(0, lastComma);
  const firstComma = body.indexOf(',');
  if (lastComma < 0 || firstComma < 0 || line.slice(lastComma + 1) !== checksumOf(body)) return null;
  return body.slice(0, firstComma);
}

function checksumOf(body: string): string {
  return crc32(Buffer.from(body)).toString(16).padStart(8, '0');
}

/** The first few sequence numbers and a count, so one line in the report stays short. */
function summarize(seqs: string[]): string {
  const shown = seqs.slice(0, 5).join(', ');
  return seqs.length > 5 ? `${shown} and ${seqs.length - 5} more` : shown;
}
