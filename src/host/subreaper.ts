import { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { readProcessStat } from '../linux-proc/process-stat.ts';
import { listLivingDescendants } from '../linux-proc/process-tasks.ts';
import { readProcFile } from '../linux-proc/read-proc-file.ts';

/** prctl(2) option: orphans of this process's descendants are re-parented to it instead of to init. */
const PR_SET_CHILD_SUBREAPER = 36;
const WNOHANG = 1;
/** How often the children of the work's thread are read, so its own children are never taken for adopted ones. */
const THREAD_CHILDREN_POLL_MS = 20;

/** What a host became: a child subreaper, or why it could not. */
export type SubreaperState = { readonly subreaper: true } | { readonly subreaper: false; readonly reason: string };

interface Libc {
  prctl(option: number, value: number, a: number, b: number, c: number): number;
  waitpid(pid: number, status: null, options: number): number;
}

/**
 * Makes this host a child subreaper (prctl(PR_SET_CHILD_SUBREAPER), which needs no privilege): a process its trial
 * starts that is orphaned, however it detaches (double fork, setsid, a cleared environment), is re-parented to the
 * host instead of init, so the harness finds it as the host's child. What init would do for such an orphan, the host
 * does: it reaps it once it dies. It never reaps a child it or its work started itself, which its runtime reaps.
 */
export async function becomeSubreaper(): Promise<SubreaperState> {
  const libc = await loadLibc();
  if (typeof libc === 'string') return { subreaper: false, reason: libc };
  if (libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) !== 0) return { subreaper: false, reason: 'prctl(PR_SET_CHILD_SUBREAPER) failed' };
  recordOwnChildren();
  process.on('SIGCHLD', () => {
    reapAdoptedZombies(libc);
    journalAdoptedChildren();
  });
  return { subreaper: true };
}

/** The run's process journal (see src/run/clean-dead-runs.ts), where adopted orphans are written as they come. */
let journal: string | null = null;
const journaled = new Set<string>();

/**
 * Writes each orphan the host takes in from now on into the run's process journal, as the harness does for every
 * process it finds: should the harness and this host both die before the harness saw it, the next run still reaps it.
 */
export function journalAdoptionsTo(path: string): void {
  journal = path;
}

function journalAdoptedChildren(): void {
  if (journal === null) return;
  for (const pid of listAdoptedChildren()) {
    const stat = readProcessStat(pid);
    if (stat === null || stat.state === 'Z' || journaled.has(`${pid}:${stat.startTime}`)) continue;
    journaled.add(`${pid}:${stat.startTime}`);
    try {
      appendFileSync(journal, `${JSON.stringify({ pid, startTime: stat.startTime, command: stat.command })}\n`);
    } catch {
      // The run's folder is gone: the run is ending, and reaps what it found itself.
    }
  }
}

/** Children this host's own code started (libuv reaps them): never reaped here, whatever their state. */
const ownChildren = new Set<number>();
/** Children of the work's thread, seen while it ran: a worker's, handed to the host's main thread when the worker ends. */
const threadChildren = new Set<number>();
let threadWatch: NodeJS.Timeout | undefined;

/**
 * Reads the children of the work's OS thread (a worker's, in the host) every few milliseconds until the next call:
 * a worker's children are its own, not orphans, even once the kernel hands them to the main thread.
 */
export function watchThreadChildren(threadId: number | null): void {
  clearInterval(threadWatch);
  threadChildren.clear();
  if (threadId === null) return;
  const read = () => {
    for (const pid of readTaskChildren(threadId)) threadChildren.add(pid);
  };
  read();
  threadWatch = setInterval(read, THREAD_CHILDREN_POLL_MS);
  threadWatch.unref();
}

/** ChildProcess.prototype.spawn, which child_process.spawn, fork, exec and execFile all call; not in Node's types. */
interface Spawning {
  spawn(this: ChildProcess, ...args: unknown[]): unknown;
}

/** Rounds of SIGKILL to the host's descendants, a pause apart: a process forked meanwhile, orphaned by the kill, comes back to the host. */
const KILL_ROUNDS = 50;
const KILL_ROUND_PAUSE_MS = 10;
/** Rounds in a row that must find no descendant before the host may go: a fork under way shows up a moment later. */
const QUIET_ROUNDS = 3;

/**
 * SIGKILLs every descendant of this host, its adopted orphans included, until none is left: for a host whose harness
 * died, so that nothing the trials started outlives it. Each is a process the host started, or one of their own.
 * Synchronous, with short pauses: the host does nothing else any more.
 */
export function killDescendants(): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let round = 0, quiet = 0; round < KILL_ROUNDS && quiet < QUIET_ROUNDS; round += 1) {
    const descendants = listLivingDescendants(process.pid);
    quiet = descendants.length === 0 ? quiet + 1 : 0;
    for (const pid of descendants) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    Atomics.wait(pause, 0, 0, KILL_ROUND_PAUSE_MS);
  }
}

/** The children this host took in as their subreaper: on its main thread, started neither by its own code nor by the work's thread. */
export function listAdoptedChildren(): number[] {
  return readTaskChildren(process.pid).filter((pid) => !ownChildren.has(pid) && !threadChildren.has(pid));
}

/** Every process the host's main thread spawns through child_process is recorded until libuv has reaped it. */
function recordOwnChildren(): void {
  const prototype = ChildProcess.prototype as ChildProcess & Spawning;
  const spawn = prototype.spawn;
  prototype.spawn = function (this: ChildProcess, ...args: unknown[]) {
    const result = spawn.apply(this, args);
    const pid = this.pid;
    if (pid !== undefined) {
      ownChildren.add(pid);
      this.once('exit', () => ownChildren.delete(pid));
    }
    return result;
  };
}

/** Orphans land on the main thread (the kernel picks the subreaper's first living thread): reap the dead among them. */
function reapAdoptedZombies(libc: Libc): void {
  for (const pid of readTaskChildren(process.pid)) {
    if (ownChildren.has(pid) || threadChildren.has(pid) || readProcessStat(pid)?.state !== 'Z') continue;
    libc.waitpid(pid, null, WNOHANG);
  }
}

function readTaskChildren(threadId: number): number[] {
  return (readProcFile(`/proc/${process.pid}/task/${threadId}/children`) ?? '').split(' ').filter(Boolean).map(Number);
}

/** The C library through koffi, a foreign function interface whose package ships its binaries; or why it cannot load. */
async function loadLibc(): Promise<Libc | string> {
  try {
    const { default: koffi } = await import('koffi');
    const library = koffi.load(null);
    return {
      prctl: library.func('int prctl(int, unsigned long, unsigned long, unsigned long, unsigned long)') as Libc['prctl'],
      waitpid: library.func('int waitpid(int, void *, int)') as Libc['waitpid'],
    };
  } catch (error) {
    return `the C library could not be called through koffi (${error instanceof Error ? error.message : String(error)})`;
  }
}
