// Builds the demo site once for every build test, exactly as a publisher does (`npm run build`,
// the full pipeline) and removes it afterwards. Tests read it through inject('demoDist') and what
// the command printed through inject('demoBuildOutput').
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

// Built with SITE_URL = SITE, so absolute links to it count as internal in link checks.
import { SITE } from '../helpers/site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoDist: string;
    demoBuildOutput: string;
  }
}

export default function setup(project: TestProject) {
  const dist = mkdtempSync(join(tmpdir(), 'open-results-demo-dist-'));
  const t0 = performance.now();
  const run = spawnSync('npm', ['run', 'build', '--', '--out', dist], {
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: 'content', ASTRO_TELEMETRY_DISABLED: '1', SITE_URL: SITE },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`the demo site does not build:\n${output}`);
  console.log(`build tests: demo site built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  project.provide('demoDist', dist);
  project.provide('demoBuildOutput', output);
  return () => rmSync(dist, { recursive: true, force: true });
}
