/** How many of each kind of resource keep this thread's event loop alive, as process.getActiveResourcesInfo() names them. */
export type ResourceCounts = ReadonlyMap<string, number>;

/**
 * The resources that keep the host's event loop alive now: handles (`PipeWrap`, `ProcessWrap`, `MessagePort`, …),
 * requests and referenced timers. Unreferenced ones are not listed: they would not keep a parent from exiting.
 */
export function countActiveResources(): ResourceCounts {
  const counts = new Map<string, number>();
  for (const resource of process.getActiveResourcesInfo()) counts.set(resource, (counts.get(resource) ?? 0) + 1);
  return counts;
}

/** What `now` has beyond `baseline`, kind by kind: what the work added to the parent's event loop. */
export function subtractResources(now: ResourceCounts, baseline: ResourceCounts): Map<string, number> {
  const extra = new Map<string, number>();
  for (const [resource, count] of now) {
    const beyond = count - (baseline.get(resource) ?? 0);
    if (beyond > 0) extra.set(resource, beyond);
  }
  return extra;
}
