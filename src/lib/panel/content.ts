// Loads and validates the published panel content: content/panel-draws/*.yaml (+ their pool
// CSVs) and content/panel-rounds/*.yaml. Problems read `path:line: field: reason`, like the main
// content loader (src/lib/content/load.ts); src/lib/load.ts assembles both.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { panelDrawSchema, type PanelDraw } from '../../schemas/panelDraw.ts';
import { panelRoundSchema, type PanelRound } from '../../schemas/panelRound.ts';
import type { Problem } from '../files/problems.ts';
import { readYamlEntity, type YamlFile } from '../files/read.ts';
import { InputFileError, parsePoolCsv } from '../sortition/io.ts';
import { poolCommitment } from '../sortition/commitment.ts';
import type { Pool } from '../sortition/schema.ts';
import { tallyIssues } from './tally.ts';

export interface PanelContent {
  draws: (PanelDraw & { pool: Pool })[];
  rounds: PanelRound[];
}

const yamlFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];

export function loadPanelContent(contentDir: string, options: { relativeTo?: string } = {}): { content: PanelContent; problems: Problem[] } {
  const root = options.relativeTo ?? process.cwd();
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  const problems: Problem[] = [];
  const content: PanelContent = { draws: [], rounds: [] };
  const lines = new Map<string, { file: string; yaml: YamlFile }>();

  function read<S extends z.ZodType>(dir: string, name: string, schema: S): z.infer<S> | undefined {
    const path = join(contentDir, dir, name);
    const file = rel(path);
    const stem = name.replace(/\.ya?ml$/, '');
    const r = readYamlEntity(file, readFileSync(path), schema, stem);
    problems.push(...r.problems);
    if (r.data === undefined) return undefined;
    lines.set(`${dir}/${stem}`, { file, yaml: r.yaml! });
    return r.data;
  }

  for (const name of yamlFiles(join(contentDir, 'panel-draws'))) {
    const d = read('panel-draws', name, panelDrawSchema);
    if (!d) continue;
    const at = lines.get(`panel-draws/${d.id}`)!;
    const poolPath = join(contentDir, 'panel-draws', d.poolFile);
    if (!existsSync(poolPath)) {
      problems.push({ file: at.file, line: at.yaml.lineOf(['poolFile']), field: 'poolFile', reason: `${d.poolFile} does not exist next to the record` });
      continue;
    }
    let pool: Pool;
    try {
      pool = parsePoolCsv(readFileSync(poolPath, 'utf8'), rel(poolPath));
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      for (const line of e.message.split('\n')) {
        const m = /^(.*?):(\d+): ([^:]+): (.*)$/.exec(line);
        problems.push(m ? { file: m[1]!, line: Number(m[2]), field: m[3]!, reason: m[4]! } : { file: rel(poolPath), line: 1, field: 'file', reason: line });
      }
      continue;
    }
    if (poolCommitment(pool) !== d.poolCommitment) {
      problems.push({ file: at.file, line: at.yaml.lineOf(['poolCommitment']), field: 'poolCommitment', reason: `does not match ${d.poolFile} (sha256 ${poolCommitment(pool)})` });
    }
    const ids = new Set(pool.map((m) => m.id));
    const missing = d.panel.find((id) => !ids.has(id));
    if (missing) problems.push({ file: at.file, line: at.yaml.lineOf(['panel']), field: 'panel', reason: `"${missing}" is not in ${d.poolFile}` });
    content.draws.push({ ...d, pool });
  }

  const caseIds = new Set(existsSync(join(contentDir, 'cases')) ? readdirSync(join(contentDir, 'cases')) : []);
  const drawIds = new Set(content.draws.map((d) => d.id));
  for (const name of yamlFiles(join(contentDir, 'panel-rounds'))) {
    const r = read('panel-rounds', name, panelRoundSchema);
    if (!r) continue;
    const at = lines.get(`panel-rounds/${r.id}`)!;
    let ok = true;
    const problem = (path: PropertyKey[], field: string, reason: string) => {
      problems.push({ file: at.file, line: at.yaml.lineOf(path), field, reason });
      ok = false;
    };
    if (!drawIds.has(r.draw)) problem(['draw'], 'draw', `unknown draw "${r.draw}" (no valid content/panel-draws/${r.draw}.yaml)`);
    r.results.forEach((x, i) => {
      if (!caseIds.has(x.case)) problem(['results', i, 'case'], `results[${i}].case`, `unknown case "${x.case}" (no content/cases/${x.case}/)`);
    });
    // Ballots are secret, so the tally cannot be recounted here; it must add up (src/lib/panel/tally.ts).
    for (const x of tallyIssues(r)) problem(x.path, x.field, x.reason);
    // The panel sizes beside the turnout come from the draw record.
    const draw = content.draws.find((d) => d.id === r.draw);
    if (draw) {
      r.turnout.forEach((t, i) => {
        if (t.panel === undefined) return;
        const s = draw.strata.find((x) => x.category === t.category && x.value === t.value);
        if (!s) problem(['turnout', i, 'panel'], `turnout[${i}].panel`, `is ${t.panel} but draw "${draw.id}" has no ${t.category} "${t.value}" stratum`);
        else if (s.selected !== t.panel) problem(['turnout', i, 'panel'], `turnout[${i}].panel`, `is ${t.panel} but draw "${draw.id}" selected ${s.selected} in this stratum`);
      });
    }
    if (ok) content.rounds.push(r);
  }
  return { content, problems };
}
