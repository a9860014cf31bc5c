"""The Python side of isolation-harness: a trial host that speaks the Node host's protocol, the workload contract, and kill styles."""
