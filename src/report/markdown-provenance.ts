import { describeDifferences, type SegmentDifferences, segmentsDiffer } from '../analysis/compare-segments.ts';

/** A banner for results that several machines or versions of the code produced; empty when every segment agrees. */
export function renderMixedProvenance(differences: SegmentDifferences): string {
  if (!segmentsDiffer(differences)) return '';
  return (
    `> **Mixed provenance:** these results come from ${differences.count} segments that differ in ${describeDifferences(differences)}, ` +
    'so a difference between cells may come from where they ran rather than from how they were stopped. ' +
    "The Environment section lists each segment; the machine and source digest recorded at the top level are the first segment's."
  );
}
