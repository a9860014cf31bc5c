import { readProcFile } from './read-proc-file.ts';

/** VmRSS in bytes; null when the process is gone, or a zombie (whose status has no VmRSS line). */
export function readResidentBytes(pid: number): number | null {
  const kibibytes = /^VmRSS:\s+(\d+) kB$/m.exec(readProcFile(`/proc/${pid}/status`) ?? '')?.[1];
  return kibibytes === undefined ? null : Number(kibibytes) * 1024;
}
