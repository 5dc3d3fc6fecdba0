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
  // Every test client connects from 127.0.0.1, so the per-client limits of the auth stand-in are
  // raised here; test/db/auth-limits.test.ts checks them on a stack of its own with the defaults.
  const stack = await startStack({
    dataDir, ports: { api: 0, db: 0 }, persistent: false,
    authLimits: { maxSendsPerClient: 1e6, maxFailuresPerClient: 1e6, maxSendsPerClientAndAddress: 1e6 },
  });
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
