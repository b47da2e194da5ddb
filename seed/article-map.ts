// The origin article, sentence by sentence (seed/article-map.json): for each sentence, the
// relationships of the seed data that model it, or why it states no fact to model. The check says
// whether the map, the data and the article still agree (test/article-map.test.ts).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { REL_TYPES } from '@model/graph-model.js';
import { relationshipId, type RelationshipRecord } from '@model/records.js';

const SEED_ROOT = path.dirname(fileURLToPath(import.meta.url));
export const ARTICLE_MAP_FILE = path.join(SEED_ROOT, 'article-map.json');
/** The source documents live beside the repository, not in it (../shared/sources). */
export const SHARED_SOURCES_DIR = path.join(SEED_ROOT, '..', '..', 'shared', 'sources');

const text = z.string().trim().min(1, 'must not be empty');

const mappedRelationship = z.object({ from: text, type: z.enum(REL_TYPES), to: text }).strict();

export const articleSentenceSchema = z.union([
  z.object({ text, relationships: z.array(mappedRelationship).min(1, 'must list at least one relationship') }).strict(),
  z.object({ text, noFact: text }).strict(),
]);

export const articleMapSchema = z
  .object({
    /** The Source record of the article. */
    source: text,
    /** The article's file name in ../shared/sources. */
    document: text,
    sentences: z.array(articleSentenceSchema).min(1),
  })
  .strict();

export type ArticleMap = z.infer<typeof articleMapSchema>;
export type ArticleSentence = z.infer<typeof articleSentenceSchema>;

/**
 * The article's sentences, in order. The rule: every non-empty line (a paragraph, or the section
 * and title lines at the top) is split after a `.`, `?` or `!`, itself maybe followed by a closing
 * quotation mark, where whitespace (a no-break space too) and then a capital letter or an opening
 * quotation mark follow. So "the U.S., Microsoft said" and "for U.S. voter groups" stay whole. Each
 * sentence is trimmed of surrounding whitespace, no-break spaces included; inner text is kept as is.
 */
export function splitSentences(article: string): string[] {
  return article
    .split(/\r?\n/)
    .flatMap((line) => line.split(/(?<=[.?!][”"’]?)\s+(?=[“"\p{Lu}])/u))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Quotes are compared with every run of whitespace (no-break spaces too) read as one space. */
export function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export async function readArticleMap(file: string = ARTICLE_MAP_FILE): Promise<ArticleMap> {
  return articleMapSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** The article's text, or undefined where ../shared/sources is not checked out. */
export async function readArticle(map: ArticleMap, dir: string = SHARED_SOURCES_DIR): Promise<string | undefined> {
  const file = path.join(dir, map.document);
  return existsSync(file) ? readFile(file, 'utf8') : undefined;
}

/**
 * What disagrees between the map, the relationships and (when given) the article: a mapped
 * relationship missing from the data, not citing the article, or whose quote is not part of its
 * sentence; a relationship citing the article that the map does not list; a sentence of the article
 * missing from the map, added to it or out of order. Empty when all agree.
 */
export function articleMapProblems(map: ArticleMap, relationships: readonly RelationshipRecord[], article?: string): string[] {
  const problems: string[] = [];
  const byId = new Map(relationships.map((r) => [relationshipId(r), r]));
  const listed = new Map<string, number>();
  map.sentences.forEach((sentence, index) => {
    if (!('relationships' in sentence)) return;
    const where = `sentence ${index + 1}`;
    for (const ref of sentence.relationships) {
      const id = relationshipId(ref);
      const earlier = listed.get(id);
      if (earlier !== undefined) problems.push(`${where}: ${id} is already listed under sentence ${earlier + 1}`);
      listed.set(id, index);
      const rel = byId.get(id);
      if (!rel) {
        problems.push(`${where}: ${id} is not in the seed data`);
        continue;
      }
      if (!rel.sources.includes(map.source)) problems.push(`${where}: ${id} does not cite ${map.source}`);
      if (rel.quote === undefined) problems.push(`${where}: ${id} has no quote`);
      else if (!normalizeSpace(sentence.text).includes(normalizeSpace(rel.quote))) {
        problems.push(`${where}: the quote of ${id} is not part of the sentence`);
      }
    }
  });
  for (const rel of relationships) {
    const id = relationshipId(rel);
    if (rel.sources.includes(map.source) && !listed.has(id)) problems.push(`${id} cites ${map.source} but no sentence lists it`);
  }
  if (article !== undefined) {
    const expected = splitSentences(article);
    const actual = map.sentences.map((s) => s.text);
    const length = Math.max(expected.length, actual.length);
    for (let i = 0; i < length; i += 1) {
      if (expected[i] === actual[i]) continue;
      // A sentence left out shifts the rest of the map back by one; an extra one shifts it on.
      if (expected[i] !== undefined && (actual[i] === undefined || actual[i] === expected[i + 1])) {
        problems.push(`sentence ${i + 1} of the article is missing from the map: "${expected[i]}"`);
      } else if (actual[i] !== undefined && (expected[i] === undefined || expected[i] === actual[i + 1])) {
        problems.push(`sentence ${i + 1} of the map is not in the article: "${actual[i]}"`);
      } else {
        problems.push(`sentence ${i + 1} differs from the article: expected "${expected[i]}", found "${actual[i]}"`);
      }
      break; // Every later sentence is shifted too: the first difference says enough.
    }
  }
  return problems;
}
