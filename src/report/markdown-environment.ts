import type { Environment, RunRecord, Segment } from '../record/run-record.ts';
import { describeDifferences, MACHINE_ITEMS, type MachineItem, type SegmentDifferences, segmentsDiffer } from '../analysis/compare-segments.ts';
import { capitalize } from './format-cell.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';
import type { PythonEnvironment } from '../python-host/python-environment.ts';
import type { ContainmentTally } from '../analysis/blind-spots.ts';

const BYTES_PER_GIBIBYTE = 1024 ** 3;

/** The segment table's columns hold these items; any other that differs gets a line of its own below it. */
const TABULATED_ITEMS: readonly MachineItem[] = ['node', 'cpu', 'cores'];

/** Hex digits of a source digest the segment table shows: enough to tell two versions of the code apart. */
const DIGEST_PREFIX_LENGTH = 12;

/**
 * The "Environment" section: the machine and package versions the numbers were measured on. Results from several
 * segments (shards, or a run and its resumptions) say whether those agree, and list each segment where they do not.
 */
export function renderEnvironment(record: RunRecord, differences: SegmentDifferences, containment: ContainmentTally): string {
  return [
    '## Environment',
    describeSegments(record.provenance, differences),
    renderMachine(record, containment),
    renderSegments(record.provenance, differences),
  ]
    .filter(Boolean)
    .join('\n\n');
}

function describeSegments(segments: readonly Segment[], differences: SegmentDifferences): string {
  if (differences.count < 2) return '';
  if (!segmentsDiffer(differences)) return `${differences.count} segments, same machine and code, each at concurrency ${segments[0]?.concurrency ?? '?'}.`;
  return (
    `These results come from ${differences.count} segments that differ in ${describeDifferences(differences)}. ` +
    "The table below is the first segment's; each segment's own values follow it."
  );
}

function renderSegments(segments: readonly Segment[], differences: SegmentDifferences): string {
  if (!segmentsDiffer(differences)) return '';
  const rows = segments.map((segment, index) => [
    String(index + 1),
    segment.shard === null ? 'all' : `${segment.shard.index}/${segment.shard.count}`,
    segment.startedAt,
    String(segment.resultCount),
    segment.environment.node,
    segment.environment.cpu,
    String(segment.environment.cores),
    renderInlineCode(shortenDigest(segment.sourceDigest)),
    String(segment.concurrency),
  ]);
  const table = renderTable(['Segment', 'Shard', 'Started', 'Results', 'Node.js', 'CPU', 'Cores', 'Source digest', 'Concurrency'], rows);
  const others = differences.machine
    .filter((item) => !TABULATED_ITEMS.includes(item))
    .map(
      (item) =>
        `- ${capitalize(MACHINE_ITEMS[item])}: ${segments.map((segment, index) => `segment ${index + 1} ${renderInlineCode(formatItem(segment.environment, item))}`).join(', ')}`,
    );
  return [table, others.join('\n')].filter(Boolean).join('\n\n');
}

/** The machine table, of the top level's environment: the only one for a single segment, the first segment's otherwise. */
function renderMachine(record: RunRecord, containment: ContainmentTally): string {
  const { environment } = record;
  const packages = Object.entries(environment.packages).map(([name, version]) => [renderInlineCode(name), version]);
  const rows = [
    ['Node.js', environment.node],
    ['OS', environment.os],
    ['Kernel', environment.kernel],
    ['CPU', environment.cpu],
    ['Cores', String(environment.cores)],
    ['Memory', formatMemory(environment.memoryBytes)],
    ...packages,
    ...describePython(record.plan.python),
    ["Finding a trial's processes", environment.processDiscovery.description],
    ["Containing a trial's processes", describeContainment(containment)],
    ['isolation-harness', record.harnessVersion],
    ['Source digest (src/, or dist/ when installed)', renderInlineCode(record.sourceDigest)],
  ];
  return renderTable(['Item', 'Value'], rows);
}

/** The Python of the py- runtimes, for a run that had one: its version, multiprocessing's default start method, stopit. */
function describePython(python: PythonEnvironment | undefined): string[][] {
  if (python === undefined) return [];
  if (!python.available) return [['Python', `none usable: ${python.reason}`]];
  const stopit = python.stopit ?? `not installed (${Object.values(python.unavailableStyles['stopit-timeout'] ?? {})[0] ?? 'stopit-timeout does not apply'})`;
  return [
    ['Python', `${python.version} (${renderInlineCode(python.executable)})`],
    ['multiprocessing start method (py-process)', python.startMethod],
    ['stopit', stopit],
  ];
}

function formatItem(environment: Environment, item: MachineItem): string {
  if (item === 'memoryBytes') return formatMemory(environment.memoryBytes);
  if (item === 'packages')
    return Object.entries(environment.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ');
  if (item === 'processDiscovery') return environment.processDiscovery.description;
  return String(environment[item]);
}

/** The scheme (`sha256:`, `dist:sha256:`) and the first hex digits. */
function shortenDigest(digest: string): string {
  return digest.slice(0, digest.lastIndexOf(':') + 1 + DIGEST_PREFIX_LENGTH);
}

function formatMemory(bytes: number): string {
  return `${(bytes / BYTES_PER_GIBIBYTE).toFixed(1)} GiB`;
}

/** Which hosts held their trials' processes how: a child subreaper (any user), a cgroup (where this user may make one). */
function describeContainment({ trials, subreaper, cgroup }: ContainmentTally): string {
  if (trials === 0) return 'no trial had a host';
  const share = (count: number) => (count === trials ? `every host (${trials} trials)` : `the hosts of ${count} of ${trials} trials`);
  return `a child subreaper: ${share(subreaper)}; a cgroup of its own: ${cgroup === 0 ? 'no host' : share(cgroup)}`;
}
