// Loads and validates the published panel content: content/panel-commitments/*.yaml (pool
// commitments published before the seed), content/panel-draws/*.yaml (+ their pool CSVs, with the
// seat changes since the draw replayed) and content/panel-rounds/*.yaml. Problems read
// `path:line: field: reason`, like the main content loader (src/lib/content/load.ts);
// src/lib/load.ts assembles both.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { panelCommitmentSchema, panelDrawSchema, type PanelCommitment, type PanelDraw } from '../../schemas/panelDraw.ts';
import { panelRoundSchema, type PanelRound } from '../../schemas/panelRound.ts';
import type { Problem } from '../files/problems.ts';
import { readYamlEntity, type YamlFile } from '../files/read.ts';
import { InputFileError, parsePoolCsv } from '../sortition/io.ts';
import { compareStrings, poolCommitment, quotasHash } from '../sortition/commitment.ts';
import { verifySeatChanges } from '../sortition/draw.ts';
import type { Pool } from '../sortition/schema.ts';
import { tallyIssues } from './tally.ts';

/** Panel members now per stratum: the draw's panel with every published replacement applied. */
export interface CurrentStratum {
  category: string;
  value: string;
  members: number;
}

export interface PanelDrawContent extends PanelDraw {
  pool: Pool;
  /** Pseudonyms holding a seat now (the panel with the replacements applied), ascending. */
  currentPanel: string[];
  /** The current panel per stratum of the quotas. */
  currentStrata: CurrentStratum[];
}

export interface PanelContent {
  /** Commitments whose draw is not published yet (the draw's own commitment is in the draw). */
  commitments: PanelCommitment[];
  draws: PanelDrawContent[];
  rounds: PanelRound[];
}

const yamlFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];

type Problem$ = (path: PropertyKey[], field: string, reason: string) => void;

/** One content folder's panel files, read and cross-checked; problems collected as they are found. */
class PanelReader {
  readonly problems: Problem[] = [];
  readonly content: PanelContent = { commitments: [], draws: [], rounds: [] };
  readonly #lines = new Map<string, { file: string; yaml: YamlFile }>();
  readonly #commitments = new Map<string, PanelCommitment>();
  readonly #dir: string;
  readonly #root: string;

  constructor(dir: string, root: string) {
    this.#dir = dir;
    this.#root = root;
  }

  rel = (p: string) => relative(this.#root, p).split('\\').join('/');

  read<S extends z.ZodType>(dir: string, name: string, schema: S): z.infer<S> | undefined {
    const path = join(this.#dir, dir, name);
    const file = this.rel(path);
    const stem = name.replace(/\.ya?ml$/, '');
    const r = readYamlEntity(file, readFileSync(path), schema, stem);
    this.problems.push(...r.problems);
    if (r.data === undefined) return undefined;
    this.#lines.set(`${dir}/${stem}`, { file, yaml: r.yaml! });
    return r.data;
  }

  /** A problem reporter for one file's fields; `onProblem` runs after each. */
  at(key: string, onProblem?: () => void): Problem$ {
    const at = this.#lines.get(key)!;
    return (path, field, reason) => {
      this.problems.push({ file: at.file, line: at.yaml.lineOf(path), field, reason });
      onProblem?.();
    };
  }

  commitments() {
    for (const name of yamlFiles(join(this.#dir, 'panel-commitments'))) {
      const c = this.read('panel-commitments', name, panelCommitmentSchema);
      if (c) this.#commitments.set(c.id, c);
    }
  }

  /** The draw's pool file, parsed; undefined (with its problems recorded) when missing or invalid. */
  pool(d: PanelDraw, problem: Problem$): Pool | undefined {
    const poolPath = join(this.#dir, 'panel-draws', d.poolFile);
    if (!existsSync(poolPath)) {
      problem(['poolFile'], 'poolFile', `${d.poolFile} does not exist next to the record`);
      return undefined;
    }
    try {
      return parsePoolCsv(readFileSync(poolPath, 'utf8'), this.rel(poolPath));
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      for (const line of e.message.split('\n')) {
        const m = /^(.*?):(\d+): ([^:]+): (.*)$/.exec(line);
        this.problems.push(m ? { file: m[1]!, line: Number(m[2]), field: m[3]!, reason: m[4]! } : { file: this.rel(poolPath), line: 1, field: 'file', reason: line });
      }
      return undefined;
    }
  }

  /** Published before the seed, binding pool, quotas and panel size. */
  commitment(d: PanelDraw, problem: Problem$) {
    const c = this.#commitments.get(d.id);
    if (!c) {
      problem(['commitmentPublishedAt'], 'commitmentPublishedAt', `no content/panel-commitments/${d.id}.yaml: the pool commitment must be published before the seed is known`);
    } else {
      this.#commitments.delete(d.id);
      if (c.poolCommitment !== d.poolCommitment) problem(['poolCommitment'], 'poolCommitment', `differs from the published commitment ${c.poolCommitment}`);
      if (c.panelSize !== d.panelSize) problem(['panelSize'], 'panelSize', `is ${d.panelSize} but the commitment announced ${c.panelSize}`);
      if (c.quotasSha256 !== quotasHash(d.quotas)) problem(['quotas'], 'quotas', 'differ from the quotas committed to before the seed was known');
      if (Date.parse(c.publishedAt) !== Date.parse(d.commitmentPublishedAt)) problem(['commitmentPublishedAt'], 'commitmentPublishedAt', `is ${d.commitmentPublishedAt} but the commitment was published at ${c.publishedAt}`);
      if (JSON.stringify(c.seedSource) !== JSON.stringify(d.seedSource)) problem(['seedSource'], 'seedSource', 'differs from the seed source announced with the commitment');
    }
    if (Date.parse(d.seedPublishedAt) <= Date.parse(d.commitmentPublishedAt)) {
      problem(['seedPublishedAt'], 'seedPublishedAt', `${d.seedPublishedAt} is not after the commitment's publication (${d.commitmentPublishedAt}): the seed must be unknown when the pool is committed`);
    }
  }

  draw(name: string) {
    const d = this.read('panel-draws', name, panelDrawSchema);
    if (!d) return;
    const problem = this.at(`panel-draws/${d.id}`);
    const pool = this.pool(d, problem);
    if (!pool) return;
    if (poolCommitment(pool) !== d.poolCommitment) problem(['poolCommitment'], 'poolCommitment', `does not match ${d.poolFile} (sha256 ${poolCommitment(pool)})`);
    const ids = new Set(pool.map((m) => m.id));
    const missing = d.panel.find((id) => !ids.has(id));
    if (missing) problem(['panel'], 'panel', `"${missing}" is not in ${d.poolFile}`);
    // The published pool holds the strata the quotas use, and nothing more.
    const columns = [...new Set(pool.flatMap((m) => Object.keys(m.features)))].sort(compareStrings);
    const categories = Object.keys(d.quotas).sort(compareStrings);
    if (columns.join() !== categories.join()) {
      problem(['poolFile'], 'poolFile', `${d.poolFile} holds ${columns.join(', ')} but the quotas use ${categories.join(', ')}: publish only the categories the draw needs`);
    }
    this.commitment(d, problem);
    const seats = verifySeatChanges(d, pool);
    for (const reason of seats.problems) problem(['seatChanges'], 'seatChanges', reason);
    const features = new Map(pool.map((m) => [m.id, m.features]));
    const currentStrata = categories.flatMap((category) =>
      Object.keys(d.quotas[category]!).sort(compareStrings).map((value) => ({ category, value, members: seats.panel.filter((id) => features.get(id)?.[category] === value).length })),
    );
    this.content.draws.push({ ...d, pool, currentPanel: seats.panel, currentStrata });
  }

  round(name: string, caseIds: Set<string>) {
    const r = this.read('panel-rounds', name, panelRoundSchema);
    if (!r) return;
    let ok = true;
    const problem = this.at(`panel-rounds/${r.id}`, () => (ok = false));
    const draw = this.content.draws.find((d) => d.id === r.draw);
    if (!draw) problem(['draw'], 'draw', `unknown draw "${r.draw}" (no valid content/panel-draws/${r.draw}.yaml)`);
    r.results.forEach((x, i) => {
      if (!caseIds.has(x.case)) problem(['results', i, 'case'], `results[${i}].case`, `unknown case "${x.case}" (no content/cases/${x.case}/)`);
    });
    // Ballots are secret, so the tally cannot be recounted here; it must add up (src/lib/panel/tally.ts).
    for (const x of tallyIssues(r)) problem(x.path, x.field, x.reason);
    // The panel sizes beside the turnout come from the draw record (with its replacements).
    r.turnout.forEach((t, i) => {
      if (!draw || t.panel === undefined) return;
      const s = draw.currentStrata.find((x) => x.category === t.category && x.value === t.value);
      if (!s) problem(['turnout', i, 'panel'], `turnout[${i}].panel`, `is ${t.panel} but draw "${draw.id}" has no ${t.category} "${t.value}" stratum`);
      else if (s.members !== t.panel) problem(['turnout', i, 'panel'], `turnout[${i}].panel`, `is ${t.panel} but the panel of draw "${draw.id}" has ${s.members} in this stratum`);
    });
    if (ok) this.content.rounds.push(r);
  }

  /** Commitments whose draw is not published yet. */
  pending() {
    this.content.commitments = [...this.#commitments.values()];
  }
}

export function loadPanelContent(contentDir: string, options: { relativeTo?: string } = {}): { content: PanelContent; problems: Problem[] } {
  const reader = new PanelReader(contentDir, options.relativeTo ?? process.cwd());
  reader.commitments();
  for (const name of yamlFiles(join(contentDir, 'panel-draws'))) reader.draw(name);
  reader.pending();
  const caseIds = new Set(existsSync(join(contentDir, 'cases')) ? readdirSync(join(contentDir, 'cases')) : []);
  for (const name of yamlFiles(join(contentDir, 'panel-rounds'))) reader.round(name, caseIds);
  return { content: reader.content, problems: reader.problems };
}
