// Builds the demo site once for every build test (the full `npm run build` pipeline) and
// removes it afterwards. Tests read it through inject('demoDist').
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { fullBuild } from '../helpers/build.ts';

// Built with SITE_URL = SITE, so absolute links to it count as internal in link checks.
import { SITE } from '../helpers/site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoDist: string;
  }
}

export default function setup(project: TestProject) {
  const dist = mkdtempSync(join(tmpdir(), 'open-results-demo-dist-'));
  const t0 = performance.now();
  const run = fullBuild('content', dist, { SITE_URL: SITE });
  if (run.status !== 0) throw new Error(`the demo site does not build:\n${run.output}`);
  console.log(`build tests: demo site built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  project.provide('demoDist', dist);
  return () => rmSync(dist, { recursive: true, force: true });
}
