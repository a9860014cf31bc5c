import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MARKER_VARIABLE } from '../src/marker/marker.ts';
import { describeOwner, OWNER_VARIABLE } from '../src/marker/run-owner.ts';
import type { BenchRuntime } from './bench-runtime.ts';

const readyWorker = fileURLToPath(new URL('./fixtures/ready-worker.js', import.meta.url));
const readyChild = fileURLToPath(new URL('./fixtures/ready-child.js', import.meta.url));
/** Neither the worker nor the child inherits the bench's TypeScript loader: a host and its work start without one too. */
const NO_NODE_OPTIONS: string[] = [];

/** What the same start, ready and stop cost with no harness: `lanes` bare loops side by side, `iterations` each. */
export interface FloorMeasurement {
  readonly runtime: BenchRuntime;
  readonly lanes: number;
  readonly trials: number;
  readonly wallMs: number;
  /** Wall time over trials: with several lanes, what one more trial adds to the whole. */
  readonly msPerTrial: number;
}

/** Runs the floor's loops; every child carries `marker`, so one the bench failed to stop can be found and reaped. */
export async function measureFloor(runtime: BenchRuntime, lanes: number, iterations: number, marker: string): Promise<FloorMeasurement> {
  const startAndStop = runtime === 'thread' ? startAndTerminateWorker : () => startAndKillChild(marker);
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: lanes }, () => loop(iterations, startAndStop)));
  const wallMs = performance.now() - startedAt;
  return { runtime, lanes, trials: lanes * iterations, wallMs, msPerTrial: wallMs / (lanes * iterations) };
}

async function loop(iterations: number, startAndStop: () => Promise<void>): Promise<void> {
  for (let iteration = 0; iteration < iterations; iteration += 1) await startAndStop();
}

/** A Worker from start to its 'exit' after terminate(), once it posted 'ready'. */
async function startAndTerminateWorker(): Promise<void> {
  const worker = new Worker(readyWorker, { execArgv: NO_NODE_OPTIONS });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    void exited.then(() => reject(new Error('the floor worker exited before it was ready')));
  });
  await worker.terminate();
  await exited;
}

/** A node child from spawn to its 'exit' (reaped) after SIGKILL, once it said 'ready' over IPC. */
async function startAndKillChild(marker: string): Promise<void> {
  const child = fork(readyChild, [], {
    execArgv: NO_NODE_OPTIONS,
    env: { ...process.env, [MARKER_VARIABLE]: marker, [OWNER_VARIABLE]: describeOwner() },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = waitForExit(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
    void exited.then(() => reject(new Error('the floor child exited before it was ready')));
  });
  child.kill('SIGKILL');
  await exited;
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
