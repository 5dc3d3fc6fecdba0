// Runs a real `astro build` (as `npm run build` would) on a content folder into an out dir.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** SITE_URL for test builds (a production build needs one): absolute links to it count as internal. */
export const TEST_SITE = 'https://open-results.test';

export interface BuildRun {
  status: number | null;
  output: string;
}

export function astroBuild(contentDir: string, outDir: string, extraEnv: Record<string, string> = {}): BuildRun {
  const r = spawnSync(join('node_modules', '.bin', 'astro'), ['build', '--outDir', outDir], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${resolve('node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`, CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1', SITE_URL: TEST_SITE, ...extraEnv },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

/** The whole pipeline (`npm run build`: astro build, then post-build steps) into an out dir. */
export function fullBuild(contentDir: string, outDir: string, extraEnv: Record<string, string> = {}): BuildRun {
  const r = spawnSync(join('node_modules', '.bin', 'node'), ['scripts/build/build.ts', '--out', outDir], {
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1', SITE_URL: TEST_SITE, ...extraEnv },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

/** Every file under a folder, relative paths. */
export function listTree(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listTree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}
