import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import { isPortFree } from './server/http/port-check.ts';
import { portFromEnv } from './server/lab/ports.ts';

/**
 * Vite serves the page (`web/`) and proxies `/api` to the lab, so the page and its API share one
 * origin. Ports come from HOOKLAB_WEB_PORT and HOOKLAB_LAB_PORT like every other party's.
 */
export default defineConfig(async ({ command }): Promise<UserConfig> => {
  const webPort = portFromEnv('web');
  const labPort = portFromEnv('lab');
  if (command === 'serve' && !checkedPorts.has(webPort)) {
    await assertPortFree(webPort);
    checkedPorts.add(webPort);
  }
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
            // Answer in the lab's own error shape, so the page can say what is wrong (Vite still logs it).
            proxy.on('error', (err: NodeJS.ErrnoException, _req, res) => {
              if (!('req' in res) || res.headersSent || res.writableEnded) return;
              res.writeHead(502, { 'content-type': 'application/json' }).end(
                JSON.stringify({
                  error: {
                    message: `The lab is not answering on 127.0.0.1:${labPort} (${err.code ?? err.message}).`,
                    hint: 'Start it with `npm run dev` (or `npm run lab`), and give Vite and the lab the same HOOKLAB_LAB_PORT.',
                  },
                }),
              );
            });
          },
        },
      },
    },
    preview: { host: '127.0.0.1', port: webPort, strictPort: true },
  };
});

/**
 * Ports this process has already checked. When vite.config.ts changes, Vite loads it again while
 * the running server still holds the port; the check must not fail that restart. The config is
 * re-imported as a fresh module each time, hence a global rather than a module variable.
 */
const checkedPorts: Set<number> = ((globalThis as { hooklabCheckedWebPorts?: Set<number> }).hooklabCheckedWebPorts ??= new Set());

/** Fails early, naming the port and the variable that moves it, instead of Vite's bare EADDRINUSE. */
async function assertPortFree(port: number): Promise<void> {
  if (await isPortFree(port, '127.0.0.1')) return;
  throw new Error(
    `Port ${port} is taken, so the web page (Vite) cannot start. Set HOOKLAB_WEB_PORT to a free port (e.g. HOOKLAB_WEB_PORT=${port + 1} npm run dev), or stop what is using ${port}.`,
  );
}
