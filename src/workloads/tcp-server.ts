import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { defineWorkload } from '../workload/define-workload.ts';
import { sleepUntilStopped } from '../workload/sleep-until-stopped.ts';

const HOST = '127.0.0.1';
const CLIENTS = 3;
const MESSAGE_INTERVAL_MS = 5;
const MESSAGE = 'ping\n';

/** A listening socket plus connections at both ends: a stop that skips cleanup shows whether the runtime closes them. */
export default defineWorkload({
  name: 'tcp-server',
  description: `listens on ${HOST} (port 0) with ${CLIENTS} of its own clients connected, echoing small messages until stopped`,
  async run(context) {
    const server = createServer();
    const clients: Socket[] = [];
    const accepted: Socket[] = [];
    server.on('connection', (socket: Socket) => {
      accepted.push(socket);
      socket.on('data', (data) => socket.write(data));
    });
    try {
      server.listen(0, HOST);
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      // resume(): each client reads the echoes and drops them.
      for (let index = 0; index < CLIENTS; index += 1) clients.push(connect(port, HOST).resume());
      await Promise.all(clients.map((client) => once(client, 'connect')));
      // ready() must mean every connection is open at both ends.
      while (accepted.length < CLIENTS) await once(server, 'connection');
      context.ready();
      while (!context.signal.aborted) {
        for (const client of clients) client.write(MESSAGE);
        await sleepUntilStopped(context.signal, MESSAGE_INTERVAL_MS);
      }
    } finally {
      for (const socket of [...clients, ...accepted]) socket.destroy();
      await closeServer(server);
      context.markCleanupRan('sockets and server closed');
    }
  },
});

/** server.close() calls back once every connection has ended; they were all destroyed just before. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error === undefined ? resolve() : reject(error)));
  });
}
