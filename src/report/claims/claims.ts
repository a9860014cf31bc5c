import { blockedThreadMissesFlag } from './blocked-thread-misses-flag.ts';
import type { Claim } from './claim.ts';
import { cooperativeStopCleansUp } from './cooperative-stop-cleans-up.ts';
import { daemonThreadsSkipCleanup } from './daemon-threads-skip-cleanup.ts';
import { forcedKillLeavesFiles } from './forced-kill-leaves-files.ts';
import { forcedKillLeavesLocks } from './forced-kill-leaves-locks.ts';
import { forcedKillTearsData } from './forced-kill-tears-data.ts';
import { killedProcessKillsThreads } from './killed-process-kills-threads.ts';
import { killedProcessOrphansChildren } from './killed-process-orphans-children.ts';
import { killedProcessSkipsCleanup } from './killed-process-skips-cleanup.ts';
import { processesCostMore } from './processes-cost-more.ts';
import { processesSafer } from './processes-safer.ts';
import { threadErrorEndsThread } from './thread-error-ends-thread.ts';
import { timeoutMissesBlockingCall } from './timeout-misses-blocking-call.ts';

/** The claims the report tests, numbered as in docs/claims.md. */
export const CLAIMS: readonly Claim[] = [
  forcedKillLeavesFiles,
  forcedKillLeavesLocks,
  forcedKillTearsData,
  processesSafer,
  killedProcessSkipsCleanup,
  blockedThreadMissesFlag,
  timeoutMissesBlockingCall,
  daemonThreadsSkipCleanup,
  cooperativeStopCleansUp,
  threadErrorEndsThread,
  killedProcessOrphansChildren,
  killedProcessKillsThreads,
  processesCostMore,
];
