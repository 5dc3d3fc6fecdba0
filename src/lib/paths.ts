// getStaticPaths for the dynamic routes, shared by the zh-Hant and English route files.
import { programRatings } from '../schemas/program.ts';
import { siteData } from './site-data.ts';

export async function cyclePaths() {
  return (await siteData()).cycles.map((c) => ({ params: { id: c.id } }));
}
export async function bodyPaths() {
  return (await siteData()).bodies.map((b) => ({ params: { id: b.id } }));
}
export async function programPaths() {
  return (await siteData()).programs.map((p) => ({ params: { id: p.id } }));
}
export async function casePaths() {
  return (await siteData()).cases.map((c) => ({ params: { id: c.id } }));
}
export function ratingPaths() {
  return programRatings.map((rating) => ({ params: { rating } }));
}
