// Drawing a list of share images into files: one renderer per language, so each language's fonts
// are read and parsed once. Files are written under a temporary name and renamed, so a cache never
// holds half an image.
import { cardRenderer, type CardText } from './render.ts';

/** One image to draw and the file it goes to. */
export interface DrawJob {
  text: CardText;
  file: string;
}

export async function drawInto(jobs: DrawJob[], write: (file: string, data: Buffer) => void, rename: (from: string, to: string) => void): Promise<void> {
  const byLang = new Map<string, DrawJob[]>();
  for (const j of jobs) byLang.set(j.text.lang, [...(byLang.get(j.text.lang) ?? []), j]);
  for (const list of byLang.values()) {
    const draw = cardRenderer(list.map((j) => j.text));
    for (const j of list) {
      const tmp = `${j.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      write(tmp, await draw(j.text));
      rename(tmp, j.file);
    }
  }
}
