import type { RunRecord } from '../record/run-record.ts';
import { renderInlineCode, renderTable } from './markdown-syntax.ts';

const BYTES_PER_GIBIBYTE = 1024 ** 3;

/** The "Environment" section: the machine and package versions the numbers were measured on. */
export function renderEnvironment(record: RunRecord): string {
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
    ["Finding a trial's processes", environment.processDiscovery.description],
    ['isolation-harness', record.harnessVersion],
    ['Source digest (src/, or dist/ when installed)', renderInlineCode(record.sourceDigest)],
  ];
  return ['## Environment', renderTable(['Item', 'Value'], rows)].join('\n\n');
}

function formatMemory(bytes: number): string {
  return `${(bytes / BYTES_PER_GIBIBYTE).toFixed(1)} GiB`;
}
