import { EventEmitter, once } from 'node:events';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logEvents } from '../../src/entry/event-log.ts';
import type { WorkerEvent } from '../../src/entry/messages.ts';
import { followEventLog } from '../../src/runtime/follow-event-log.ts';
import { removeDirectory } from '../../src/trial/trial-directory.ts';

const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-event-log-'));
afterAll(() => removeDirectory(scratch));

describe('the event log beside the channel', () => {
  it("delivers each of the work's events once, whichever way it came first, and the log's alone when the channel stays silent", async () => {
    const path = join(scratch, 'events.log');
    const channel = new EventEmitter();
    let ended: () => void = () => undefined;
    const events = followEventLog(channel, path, new Promise<void>((resolve) => (ended = resolve)));
    const seen: string[] = [];
    events.on('message', (event: WorkerEvent) => seen.push(event.type));
    // The body writes every event to the log; the channel carries only the first, as Deno's does before a synchronous loop.
    const sent: WorkerEvent[] = [];
    const send = logEvents((event) => sent.push(event), path);
    send({ type: 'started', osThreadId: 1, eventLoops: null });
    channel.emit('message', sent[0]);
    send({ type: 'ready', osThreadId: 1, eventLoops: null });
    await once(events as EventEmitter, 'message');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['started', 'ready']);
    expect(sent.map((event) => (event as { seq?: number }).seq)).toEqual([1, 2]);
    ended();
  });

  it('reads nothing until the log exists, and only whole lines', async () => {
    const path = join(scratch, 'late.log');
    const channel = new EventEmitter();
    let ended: () => void = () => undefined;
    const events = followEventLog(channel, path, new Promise<void>((resolve) => (ended = resolve)));
    const seen: unknown[] = [];
    events.on('message', (event) => seen.push(event));
    await new Promise((resolve) => setTimeout(resolve, 10));
    appendFileSync(path, '{"type":"finished","seq":1}\n{"type":"fai');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([{ type: 'finished', seq: 1 }]);
    ended();
  });
});
