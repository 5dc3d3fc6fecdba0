// `npm start`: build the site from content/ and serve it on http://127.0.0.1:4321/ (or the next
// free port). Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { nextFreePort } from './lib/ports.ts';

const bin = (name: string) => join('node_modules', '.bin', name);
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

console.log('start: building the site (validates content/ first) …');
const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', env });
if (build.status !== 0) {
  console.error('start: the build failed; fix the problems listed above and run `npm start` again');
  process.exit(build.status ?? 1);
}

const port = await nextFreePort(4321);
if (port !== 4321) console.log(`start: port 4321 is taken; using ${port}`);
const preview = spawn(bin('astro'), ['preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: ['ignore', 'inherit', 'inherit'], env });
console.log(`\nOpen Results is running:\n  site  http://127.0.0.1:${port}/   (English: http://127.0.0.1:${port}/en/)\n\nPress Ctrl-C to stop.`);

const stop = () => {
  preview.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
preview.on('exit', (code) => process.exit(code ?? 0));
