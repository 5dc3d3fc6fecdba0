// A worker thread drawing some of a build's share images (./images.ts splits the work between the
// machine's cores: satori and resvg each keep one core busy, and the page build is over by then).
import { renameSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { drawInto, type DrawJob } from './draw.ts';

const jobs = workerData as DrawJob[];
await drawInto(jobs, writeFileSync, renameSync);
parentPort!.postMessage(jobs.length);
