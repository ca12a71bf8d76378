import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** Thrown when a party's port is taken; the message names the port and the variable to change. */
export class PortTakenError extends Error {}

/**
 * Starts `app` on host:port and resolves with the server once it listens. Port 0 picks a free port
 * (tests do this); read it back with `portOf`.
 */
export function listen(app: Express, options: { port: number; host: string; party: string; envVar: string }): Promise<Server> {
  const { port, host, party, envVar } = options;
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new PortTakenError(`Port ${port} is taken, so ${party} cannot start. Set ${envVar} to a free port (e.g. ${envVar}=${port + 1} npm run dev), or stop what is using ${port}.`)
          : err,
      );
    });
  });
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Closes a server, ending idle keep-alive connections so that it does not linger. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
