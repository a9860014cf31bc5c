import type { CellKey } from '../../record/cell-key.ts';

/**
 * The cells a figure rests on, as the workload tables name them: `(lock-holder / terminate / thread)`. Cells of one
 * kill style and runtime share one group, `(grandchild, blocking-exec-sync / sigkill / process)`, and a group that
 * covers most workloads of the run (`workloads`) names those it leaves out instead.
 */
export function citeCells(cells: readonly CellKey[], workloads: readonly string[] = []): string {
  const groups = new Map<string, { kill: string; runtime: string; workloads: string[] }>();
  for (const { workload, kill, runtime } of cells) {
    const id = `${kill} / ${runtime}`;
    const group = groups.get(id) ?? { kill, runtime, workloads: [] };
    if (!group.workloads.includes(workload)) group.workloads.push(workload);
    groups.set(id, group);
  }
  const cited = [...groups.values()].map((group) => `${nameWorkloads(group.workloads, workloads)} / ${group.kill} / ${group.runtime}`);
  return `(${cited.join('; ')})`;
}

/** `all 12 workloads`, or `all 12 workloads except a, b` when that is shorter than listing them. */
function nameWorkloads(cited: readonly string[], all: readonly string[]): string {
  const missing = all.filter((workload) => !cited.includes(workload));
  const within = cited.every((workload) => all.includes(workload));
  if (!within || all.length < 2 || missing.length >= cited.length) return cited.join(', ');
  return missing.length === 0 ? `all ${all.length} workloads` : `all ${all.length} workloads except ${missing.join(', ')}`;
}
