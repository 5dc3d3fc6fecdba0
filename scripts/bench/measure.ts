// Run a command and measure wall time and the peak resident memory of its whole process tree
// (sampled from /proc every 100 ms: Node cannot read a child's rusage).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, resolve as resolvePath } from 'node:path';

function treeRssBytes(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      rss.set(Number(name), Number(fields[21]) * 4096);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface Measured {
  status: number | null;
  seconds: number;
  peakBytes: number;
  output: string;
}

export function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measured> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    // node_modules/.bin first on PATH so `#!/usr/bin/env node` tools run on the project's Node 24.
    const PATH = `${resolvePath('node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`;
    const child = spawn(cmd, args, { env: { ...process.env, PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRssBytes(child.pid!))), 100);
    child.on('exit', (status) => {
      clearInterval(timer);
      resolve({ status, seconds: (performance.now() - t0) / 1000, peakBytes: peak, output });
    });
  });
}
