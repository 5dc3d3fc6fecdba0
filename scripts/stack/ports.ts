// Port selection on loopback: the Supabase CLI layout when free, the next free port otherwise.
import net from 'node:net';

export const HOST = '127.0.0.1';

export function isPortFree(port: number, host = HOST): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS considers free right now (small race until the real owner binds it). */
export function ephemeralPort(host = HOST): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export class PortTakenError extends Error {}

/**
 * `preferred` 0 means any free port. With `strict`, a taken port is an error that says what to
 * do; otherwise the next free port above it is used and `moved` says so.
 */
export async function choosePort(
  what: string,
  preferred: number,
  opts: { strict?: boolean; avoid?: Set<number>; flag?: string } = {},
): Promise<{ port: number; moved: boolean }> {
  const avoid = opts.avoid ?? new Set<number>();
  if (preferred === 0) {
    for (;;) {
      const port = await ephemeralPort();
      if (!avoid.has(port)) return { port, moved: false };
    }
  }
  if (!avoid.has(preferred) && (await isPortFree(preferred))) return { port: preferred, moved: false };
  if (opts.strict) {
    throw new PortTakenError(
      `${what}: port ${preferred} on ${HOST} is taken (another local Supabase stack or database running?). ` +
        `Stop it, or pick another port${opts.flag ? ` with ${opts.flag}` : ''}.`,
    );
  }
  for (let port = preferred + 1; port < preferred + 200 && port < 65536; port++) {
    if (!avoid.has(port) && (await isPortFree(port))) return { port, moved: true };
  }
  throw new PortTakenError(`${what}: no free port in ${preferred}..${preferred + 199} on ${HOST}.`);
}
