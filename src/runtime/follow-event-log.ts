import { closeSync, openSync, readSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import type { WorkerEvent } from '../entry/messages.ts';

/** How often the log is read: the same resolution as the host's other polls of the work. */
const POLL_INTERVAL_MS = 1;
const CHUNK_BYTES = 64 * 1024;

/** The part of a MessagePort or a ChildProcess that delivers messages. */
export interface MessageSource {
  on(event: 'message', listener: (event: WorkerEvent) => void): unknown;
  off(event: 'message', listener: (event: WorkerEvent) => void): unknown;
}

/**
 * The workload's events from its channel and from the event log its body also writes (see src/entry/event-log.ts),
 * each delivered once, by its number, whichever way it came first; the log is read until `until` settles.
 */
export function followEventLog(channel: MessageSource, path: string, until: Promise<unknown>): MessageSource {
  const merged = new EventEmitter();
  const delivered = new Set<number>();
  const deliver = (event: WorkerEvent & { seq?: number }) => {
    if (event.seq !== undefined && delivered.has(event.seq)) return;
    if (event.seq !== undefined) delivered.add(event.seq);
    merged.emit('message', event);
  };
  channel.on('message', deliver);
  const reader = createLineReader(path);
  const timer = setInterval(() => {
    for (const line of reader.read()) deliver(JSON.parse(line) as WorkerEvent);
  }, POLL_INTERVAL_MS);
  timer.unref();
  void until.finally(() => {
    clearInterval(timer);
    reader.close();
  });
  return merged;
}

/** Reads whole lines appended to a file since the last read; nothing while the file does not exist yet. */
function createLineReader(path: string): { read(): string[]; close(): void } {
  let fd: number | null = null;
  let pending = '';
  const buffer = Buffer.alloc(CHUNK_BYTES);
  return {
    read() {
      try {
        fd ??= openSync(path, 'r');
      } catch {
        return [];
      }
      for (let bytes = readSync(fd, buffer); bytes > 0; bytes = readSync(fd, buffer)) pending += buffer.toString('utf8', 0, bytes);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      return lines.filter(Boolean);
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
