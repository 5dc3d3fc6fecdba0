// Port helpers: loopback only; never assume a port is free.
import { createServer } from 'node:net';

/** True when nothing listens on 127.0.0.1:port. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The preferred port if free, else the next free one above it (printed by callers). */
export async function nextFreePort(preferred: number, tries = 50): Promise<number> {
  for (let p = preferred; p < preferred + tries; p++) if (await portFree(p)) return p;
  throw new Error(`no free port in ${preferred}–${preferred + tries - 1} on 127.0.0.1`);
}
