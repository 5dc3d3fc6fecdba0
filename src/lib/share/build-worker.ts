// The worker thread that plans and draws a build's share images while Astro renders the pages
// (./images.ts, startShareImages): it reads the same content folder and settings (CONTENT_DIR,
// SITE_URL, BASE_PATH, SHARE_IMAGES) from the environment it inherits.
import { renameSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { siteData } from '../site.ts';
import { drawInto } from './draw.ts';
import { planShareImages } from './images.ts';

const plan = planShareImages(siteData());
await drawInto(plan.jobs, writeFileSync, renameSync);
parentPort!.postMessage({ plan: { ...plan, jobs: [] }, drawn: plan.jobs.length });
