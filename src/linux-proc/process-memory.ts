import { readProcFile } from './read-proc-file.ts';

/** VmRSS in bytes; null when the process is gone, or a zombie (whose status has no VmRSS line). */
export function readResidentBytes(pid: number): number | null {
  const kibibytes = /^VmRSS:\s+(\d+) kB$/m.exec(readProcFile(`/proc/${pid}/status`) ?? '')?.[1];
  return kibibytes === undefined ? null : Number(kibibytes) * 1024;
}

/**
 * A process's memory three ways. RSS counts every resident page it maps, shared or not; PSS splits each shared page
 * among the processes that map it (so PSS summed over processes is the memory they use together); USS counts only
 * the pages no other process maps.
 */
export interface ProcessMemory {
  readonly rssBytes: number;
  readonly pssBytes: number;
  /** Private_Clean + Private_Dirty. */
  readonly ussBytes: number;
}

/**
 * RSS, PSS and USS from /proc/<pid>/smaps_rollup; null when the process is gone (a zombie's read fails with ESRCH) or
 * the file is unreadable. A child of a child of the reader reads as well as its own child (same user, no ptrace
 * restriction here). Slow next to readResidentBytes: the kernel walks the page tables of every mapping to sum it.
 * Measured on this machine (2 cores, Node 20, the harness reading its hosts mid-trial): 1–2 ms for an idle host
 * (~55 MiB RSS, ~55–130 mappings), 5–8 ms for a host whose worker loaded tsx and holds 48 MiB (~135 MiB RSS, 260
 * mappings), 3–7 ms for that workload's child (122 MiB, 197 mappings); a standalone Node.js process holding 300 MiB
 * more took 9 ms. VmRSS from /proc/<pid>/status takes 0.02–0.05 ms. So it is read only where work memory needs it,
 * never in a probe's snapshot.
 */
export function readProcessMemory(pid: number): ProcessMemory | null {
  const rollup = readProcFile(`/proc/${pid}/smaps_rollup`);
  if (rollup === null) return null;
  const rss = readKibibytes(rollup, 'Rss');
  const pss = readKibibytes(rollup, 'Pss');
  const privateClean = readKibibytes(rollup, 'Private_Clean');
  const privateDirty = readKibibytes(rollup, 'Private_Dirty');
  if (rss === null || pss === null || privateClean === null || privateDirty === null) return null;
  return { rssBytes: rss * 1024, pssBytes: pss * 1024, ussBytes: (privateClean + privateDirty) * 1024 };
}

function readKibibytes(rollup: string, field: string): number | null {
  const kibibytes = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(rollup)?.[1];
  return kibibytes === undefined ? null : Number(kibibytes);
}
