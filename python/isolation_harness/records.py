"""Judging a file of records against what the writer acknowledged, as judgeRecords in src/workloads/journal-format.ts does."""

from typing import Any, Dict, Iterable, List, Set


def judge_records(file: str, found: bool, intact: Set[str], torn: List[str], acknowledged: Iterable[str]) -> Dict[str, Any]:
    """Of the acknowledged records, those not whole are missing; torn ones count whether acknowledged or not."""
    acknowledged = list(acknowledged)
    missing = [seq for seq in acknowledged if seq not in intact]
    problems = ([] if found else [f"{file} not found"]) + ([f"acknowledged but not whole: {_summarize(missing)}"] if missing else []) + torn
    check = {"acknowledged": len(acknowledged), "missing": len(missing), "torn": len(torn)}
    return {**check, "detail": "; ".join(problems)} if problems else check


def _summarize(seqs: List[str]) -> str:
    """The first few sequence numbers and a count, so one line in the report stays short."""
    shown = ", ".join(seqs[:5])
    return f"{shown} and {len(seqs) - 5} more" if len(seqs) > 5 else shown
