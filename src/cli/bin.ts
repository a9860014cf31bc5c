#!/usr/bin/env node
import { ignoreClosedOutput } from './interrupt.ts';
import { main } from './main.ts';

// The executable: everything testable lives in main(). A reader that closes stdout or stderr (a pipe to head) never
// crashes the process; a run under way stops as after Ctrl-C (see watchForInterrupt).
ignoreClosedOutput();
process.exitCode = await main(process.argv.slice(2));
