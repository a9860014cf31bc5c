import type { Environment, RunRecord, Segment } from '../record/run-record.ts';

/** Every item of a machine, by the name the report gives it: a field added to Environment must be named here. */
export const MACHINE_ITEMS = {
  node: 'Node.js',
  os: 'OS',
  kernel: 'kernel',
  cpu: 'CPU',
  cores: 'cores',
  memoryBytes: 'memory',
  packages: 'packages',
  processDiscovery: 'process discovery',
} as const satisfies Record<keyof Environment, string>;

export type MachineItem = keyof typeof MACHINE_ITEMS;

/** Where the segments of a record disagree; all empty or false when they ran on one machine with one code. */
export interface SegmentDifferences {
  readonly count: number;
  /** The machine items whose value is not the same in every segment (hostnames are not recorded, so two alike machines count as one). */
  readonly machine: readonly MachineItem[];
  readonly sourceDigest: boolean;
  readonly concurrency: boolean;
}

/** Compares every segment with the first, whose values the record's top level carries. */
export function compareSegments(record: RunRecord): SegmentDifferences {
  const [first, ...others] = record.provenance;
  if (first === undefined) return { count: 0, machine: [], sourceDigest: false, concurrency: false };
  const differs = (read: (segment: Segment) => unknown) => others.some((segment) => JSON.stringify(read(segment)) !== JSON.stringify(read(first)));
  const items = Object.keys(MACHINE_ITEMS) as MachineItem[];
  return {
    count: record.provenance.length,
    machine: items.filter((item) => differs((segment) => segment.environment[item])),
    sourceDigest: differs((segment) => segment.sourceDigest),
    concurrency: differs((segment) => segment.concurrency),
  };
}

export function segmentsDiffer(differences: SegmentDifferences): boolean {
  return differences.machine.length > 0 || differences.sourceDigest || differences.concurrency;
}

/** What differs, in words: "machine (Node.js, CPU), code (source digest) and concurrency". */
export function describeDifferences(differences: SegmentDifferences): string {
  const parts = [
    ...(differences.machine.length > 0 ? [`machine (${differences.machine.map((item) => MACHINE_ITEMS[item]).join(', ')})`] : []),
    ...(differences.sourceDigest ? ['code (source digest)'] : []),
    ...(differences.concurrency ? ['concurrency'] : []),
  ];
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}` : (parts[0] ?? 'nothing');
}
