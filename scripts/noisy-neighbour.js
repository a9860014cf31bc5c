// A noisy neighbour, as a busy machine has one: a process of the same user that writes files at the top of /tmp and
// /dev/shm all the time (and removes its older ones), and a busy loop on every core. Started by
// scripts/test-where-users-run.js around the tests that must hold beside it; it removes its own files when told to stop.
import { rmSync, writeFileSync } from 'node:fs';
import { setInterval, clearInterval } from 'node:timers';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

/** Where other programs put files by fixed path, and the neighbour's names there. */
const LOCATIONS = ['/tmp', '/dev/shm'];
const PREFIX = `noisy-neighbour-${process.pid}-`;
const WRITE_EVERY_MS = 5;
/** How many of its files the neighbour keeps at a time in each location. */
const KEPT = 40;

// Threads of the neighbour's own process: they end with it, however it ends.
const spinners = Array.from({ length: availableParallelism() }, () => new Worker('for (;;);', { eval: true }));
const written = [];
let count = 0;
const writer = setInterval(() => {
  count += 1;
  for (const location of LOCATIONS) {
    const path = join(location, `${PREFIX}${count}`);
    writeFileSync(path, `written by the noisy neighbour, ${new Date().toISOString()}\n`);
    written.push(path);
  }
  while (written.length > KEPT * LOCATIONS.length) rmSync(written.shift(), { force: true });
}, WRITE_EVERY_MS);

function stop() {
  clearInterval(writer);
  for (const spinner of spinners) void spinner.terminate();
  for (const path of written) rmSync(path, { force: true });
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The caller is gone: so is the neighbour, with what it made.
process.on('disconnect', stop);
process.send?.('ready');
