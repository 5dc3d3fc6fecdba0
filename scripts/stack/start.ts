// `npm start`: the whole product on this machine, no Docker, no accounts.
//  1. the local Supabase stand-in (embedded PostgreSQL, PostgREST, auth, gateway; data kept in .local/stack)
//  2. the static site built from content/ with the panel pointed at that stack
//  3. a static server on http://127.0.0.1:4321/ (or the next free port)
// Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { startStack, type Stack } from './index.ts';
import { choosePort, HOST, PortTakenError } from './ports.ts';
import { PostgrestNotFoundError } from './postgrest.ts';
import { serveStatic, type StaticServer } from '../lib/static-server.ts';
import { runCli } from '../lib/cli.ts';
import { LOCALE_FACTS } from '../../src/i18n/locales.ts';
import { siteData } from '../../src/lib/site.ts';
import { basePath, DeploySettingsError } from '../lib/deploy-settings.ts';

async function start(): Promise<number | void> {
  const base = basePath(); // BASE_PATH (e.g. from .env): served locally under the same path
  const site = await choosePort('site', 4321);
  const origin = `http://${HOST}:${site.port}`;

  console.log('start: starting the local Supabase stand-in …');
  let stack: Stack;
  try {
    stack = await startStack({ dataDir: '.local/stack', siteOrigins: [origin, `http://localhost:${site.port}`], log: (l) => console.log(`  ${l}`) });
  } catch (e) {
    console.error(`start: ${e instanceof PortTakenError || e instanceof PostgrestNotFoundError ? e.message : (e as Error).stack}`);
    return 1;
  }

  console.log('start: building the site (validates content/ first) …');
  const build = spawnSync('npm', ['run', '--silent', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SITE_URL: origin, PUBLIC_SUPABASE_URL: stack.apiUrl, PUBLIC_SUPABASE_ANON_KEY: stack.anonKey },
  });
  if (build.status !== 0) {
    console.error('start: the build failed; fix the problems listed above and run `npm start` again');
    await stack.stop();
    process.exit(build.status ?? 1);
  }

  let server: StaticServer;
  try {
    server = await serveStatic('dist', { port: site.port, base });
  } catch (e) {
    console.error(`start: cannot serve the site on ${origin}: ${(e as Error).message}`);
    await stack.stop();
    process.exit(1);
  }

  console.log(`
  Open Results is running.
    site           ${siteData().routes.alternates('/').map((a) => `${server.url}${a.path} (${LOCALE_FACTS[a.locale].nativeName})`).join('  ')}
    citizen panel  ${server.url}${base}/panel/
    Supabase API   ${stack.apiUrl}          (local stand-in; DEVELOPMENT ONLY)
    dev mailbox    ${stack.apiUrl}/mailbox  (sign-in codes land here instead of email)
    database       ${stack.dbUrl}
  ${[...(site.moved ? [`  note: port 4321 was taken; the site uses ${site.port}`] : []), ...stack.movedPorts.map((m) => `  note: ${m}`)].join('\n')}
  Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstart: stopping the site and the stack …');
    await server.close();
    await stack.stop();
    console.log('start: stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGHUP', () => void shutdown());
}

if (import.meta.main) {
  await runCli({
    command: 'npm start --',
    summary: 'Run the whole product locally: the Supabase stand-in, a build of content/ pointed at it, and the site on 127.0.0.1:4321. Ctrl-C stops everything.',
    usage: [''],
    options: {},
    userErrors: [DeploySettingsError],
    run: start,
  });
}
