// Starts one throwaway stack for the db project and stops it afterwards.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStack } from '../../scripts/stack/index.ts';

export interface ProvidedStack {
  apiUrl: string;
  dbUrl: string;
  superuserDbUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: ProvidedStack;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), 'or-db-test-'));
  const stack = await startStack({ dataDir, ports: { api: 0, db: 0 }, persistent: false });
  project.provide('stack', {
    apiUrl: stack.apiUrl,
    dbUrl: stack.dbUrl,
    superuserDbUrl: stack.superuserDbUrl,
    anonKey: stack.anonKey,
    serviceRoleKey: stack.serviceRoleKey,
    jwtSecret: stack.jwtSecret,
  });
  return async () => {
    await stack.stop();
  };
}
