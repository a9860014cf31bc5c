import { createServer } from 'node:net';

/**
 * Whether the harness can listen on 127.0.0.1:<port> right now, closing the server at once: what a restarted
 * service would need after the stop. null when listening failed for another reason than the port being in use.
 */
export function canListenAgain(port: number): Promise<boolean | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE' ? false : null));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}
