import { loadWorkload } from '../workload/load-workload.ts';

// Run by the harness under another Node.js (see probe-workloads.ts): imports each workload module given as an
// argument, as that Node.js's hosts will, and prints, per workload name, why it cannot run there, or null.
const answers: Record<string, string | null> = {};
for (const url of process.argv.slice(2)) {
  const workload = await loadWorkload(url);
  answers[workload.name] = workload.unavailable?.() ?? null;
}
process.stdout.write(JSON.stringify(answers));
