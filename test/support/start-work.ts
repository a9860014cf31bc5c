import { readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DEFAULTS } from '../../src/cli/parse-arguments.ts';
import type { WorkloadSpec } from '../../src/entry/messages.ts';
import { readLogLines } from '../../src/files/log-lines.ts';
import { createRunDirectory, createTrialDirectory, removeDirectory, type TrialDirectory } from '../../src/trial/trial-directory.ts';
import { createRunId } from '../../src/marker/marker.ts';
import { startProcessWork } from '../../src/process/start-process-work.ts';
import type { RuntimeName, StartedWork, WorkEnd } from '../../src/runtime/runtime.ts';
import { startThreadWork } from '../../src/thread/start-thread-work.ts';

/** A workload started straight from the test process through a real runtime adapter, so its resources can be inspected mid-run. */
export interface StartedInTest {
  readonly directory: TrialDirectory;
  /** The process whose descriptor table and children hold the workload's resources: this one for a thread, the child for a process. */
  readonly ownerPid: number;
  readonly ready: Promise<unknown>;
  /** Requests the cooperative stop and waits for the work to end. */
  stop(): Promise<WorkEnd>;
  readCleanupSteps(): string[];
  /** Forces the work down if a failed test left it running, then removes its directories. */
  dispose(): Promise<void>;
}

/** Starts the workload in a fresh trial directory of its own, in the runtime given. */
export function startInTest(runtime: RuntimeName, workloadUrl: string): StartedInTest {
  const runDirectory = createRunDirectory(createRunId());
  const directory = createTrialDirectory(runDirectory, 'trial');
  const { workDir, dataDir, cleanupLog, acknowledgementLog, sectionLog } = directory;
  const spec: WorkloadSpec = {
    workloadUrl,
    workDir,
    loaderTempDir: tmpdir(),
    dataDir,
    cleanupLog,
    acknowledgementLog,
    sectionLog,
    targetSection: null,
    targetAfterMs: 0,
    sectionHoldMs: 0,
  };
  const { work, ownerPid } = startWork(runtime, spec, directory.controlDir);
  let ended = false;
  void work.ended.then(() => {
    ended = true;
  });
  return {
    directory,
    ownerPid,
    ready: work.ready,
    stop() {
      work.sendCommand('stop');
      return work.ended;
    },
    readCleanupSteps: () => readLogLines(directory.cleanupLog),
    async dispose() {
      if (!ended) {
        work.forceStop();
        await work.ended;
      }
      removeDirectory(runDirectory);
    },
  };
}

function startWork(runtime: RuntimeName, spec: WorkloadSpec, controlDir: string): { work: StartedWork; ownerPid: number } {
  const options = { deadlineMs: null, stopOnSigterm: false, memoryLimitMb: DEFAULTS.memoryLimitMb };
  if (runtime === 'thread') return { work: startThreadWork(spec, controlDir, options), ownerPid: process.pid };
  const work = startProcessWork(spec, controlDir, options);
  return { work, ownerPid: work.childPid };
}

/** Descriptors of a process that point into a folder: a filter that ignores whatever else the process opens meanwhile. */
export function listDescriptorsInto(pid: number, folder: string): string[] {
  return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      return link.startsWith(`${folder}/`) ? [link] : [];
    } catch {
      return [];
    }
  });
}
