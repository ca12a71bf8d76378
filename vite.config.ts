import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import { portFromEnv } from './server/lab/ports.ts';

/**
 * Vite serves the page (`web/`) and proxies `/api` to the lab, so the page and its API share one
 * origin. Ports come from HOOKLAB_WEB_PORT and HOOKLAB_LAB_PORT like every other party's.
 */
export default defineConfig(async ({ command }): Promise<UserConfig> => {
  const webPort = portFromEnv('web');
  const labPort = portFromEnv('lab');
  if (command === 'serve') await assertPortFree(webPort);
  return {
    root: fileURLToPath(new URL('./web', import.meta.url)),
    build: { outDir: fileURLToPath(new URL('./dist', import.meta.url)), emptyOutDir: true },
    server: {
      host: '127.0.0.1',
      port: webPort,
      strictPort: true,
      proxy: {
        '/api': {
          target: `http://127.0.0.1:${labPort}`,
          // The lab answers only loopback Hosts; keep the browser's (localhost:<web port>).
          changeOrigin: false,
          configure: (proxy) => {
            // Server-sent events must reach the page as they are written, not when a buffer fills.
            proxy.on('proxyRes', (res) => {
              if (String(res.headers['content-type']).startsWith('text/event-stream')) res.headers['x-accel-buffering'] = 'no';
            });
          },
        },
      },
    },
    preview: { host: '127.0.0.1', port: webPort, strictPort: true },
  };
});

/** Fails early, naming the port and the variable that moves it, instead of Vite's bare EADDRINUSE. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is taken, so the web page (Vite) cannot start. Set HOOKLAB_WEB_PORT to a free port (e.g. HOOKLAB_WEB_PORT=${port + 1} npm run dev), or stop what is using ${port}.`)
          : err,
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
