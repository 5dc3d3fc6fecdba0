// `npm run stack` and startStack() must leave no PostgreSQL or PostgREST process behind.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startStack } from '../../scripts/stack/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process whose parent is `pid` (PostgreSQL's backends and helpers). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitGone(pids: number[], ms = 5000) {
  const until = Date.now() + ms;
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return pids.filter(alive);
}

test.each(['SIGINT', 'SIGTERM'] as const)('the stack CLI stops everything on %s', async (signal) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'or-cli-test-'));
  try {
    const node = join(ROOT, 'node_modules', '.bin', 'node');
    const cli = spawn(node, ['scripts/stack/stack.ts', 'start', '--data-dir', dataDir, '--api-port', '0', '--db-port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    cli.stdout.on('data', (b) => (out += b));
    cli.stderr.on('data', (b) => (out += b));
    const exited = new Promise<number | null>((r) => cli.once('exit', (code) => r(code)));
    const until = Date.now() + 60_000;
    while (!out.includes('Press Ctrl-C') && Date.now() < until && cli.exitCode === null) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(out).toContain('Press Ctrl-C');
    expect(out).toContain('DEVELOPMENT ONLY');
    const state = JSON.parse(readFileSync(join(dataDir, 'stack-state.json'), 'utf8'));
    const apiUrl: string = state.apiUrl;
    expect((await fetch(`${apiUrl}/`)).status).toBe(200);
    const pids: number[] = [state.pids.postgres, state.pids.postgrest];
    const all = [...pids, ...childrenOf(state.pids.postgres)];
    expect(all.length).toBeGreaterThan(3); // postmaster, its helpers, PostgREST
    expect(all.every(alive)).toBe(true);

    cli.kill(signal);
    expect(await exited).toBe(0);
    expect(await waitGone(all)).toEqual([]);
    expect(existsSync(join(dataDir, 'stack-state.json'))).toBe(false);
    await expect(fetch(`${apiUrl}/`)).rejects.toThrow();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('startStack().stop() ends its processes and removes a non-persistent data dir', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'or-api-test-'));
  const stack = await startStack({ dataDir, ports: { api: 0, db: 0 }, persistent: false, seed: false });
  const { postgres, postgrest } = stack.pids();
  expect([postgres!, postgrest!].every(alive)).toBe(true);
  // PostgreSQL's children include short-lived backends that may exit on their own at any moment
  // (seen under load): those alive now must all be gone after stop().
  const all = [postgres!, postgrest!, ...childrenOf(postgres!)].filter(alive);
  expect(all.length).toBeGreaterThan(2);
  await stack.stop();
  expect(await waitGone(all)).toEqual([]);
  expect(existsSync(dataDir)).toBe(false);
});

test('a taken port is a clear error when asked for explicitly', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'or-port-test-'));
  const a = await startStack({ dataDir, ports: { api: 0, db: 0 }, persistent: false, seed: false });
  try {
    const dataDir2 = await mkdtemp(join(tmpdir(), 'or-port-test-'));
    await expect(
      startStack({ dataDir: dataDir2, ports: { api: a.ports.api, db: 0 }, strictPorts: true, persistent: false }),
    ).rejects.toThrow(new RegExp(`port ${a.ports.api} .* is taken`));
    // Without strictPorts it moves to the next free port and says so.
    const b = await startStack({ dataDir: dataDir2, ports: { api: a.ports.api, db: 0 }, persistent: false, seed: false });
    expect(b.ports.api).toBeGreaterThan(a.ports.api);
    expect(b.movedPorts.join()).toMatch(/is taken: using/);
    await b.stop();
  } finally {
    await a.stop();
  }
});
