// The origin article, sentence by sentence, against the seed data (seed/article-map.json): every
// sentence is listed, in order, with the relationships that model it or why it states no fact.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relationshipId } from '@model/records.js';
import {
  SHARED_SOURCES_DIR,
  articleMapProblems,
  articleMapSchema,
  readArticle,
  readArticleMap,
  splitSentences,
} from '../seed/article-map.js';
import { readDataset } from '../seed/dataset.js';

const ARTICLE = 'source--article-2024-10-15-mddr';

async function inputs() {
  const [map, dataset] = await Promise.all([readArticleMap(), readDataset()]);
  return { map, dataset };
}

describe('splitting the article into sentences', () => {
  it('splits after a full stop, also one inside closing quotes, before a capital or an opening quote', () => {
    expect(splitSentences('One. Two said “yes.”\u00a0“Three,” he said.\u00a0\n\nFour? Five!')).toEqual([
      'One.',
      'Two said “yes.”',
      '“Three,” he said.',
      'Four?',
      'Five!',
    ]);
  });

  it('keeps abbreviations such as U.S. inside their sentence, and each line apart', () => {
    expect(splitSentences('Attacks on the U.S., Microsoft said. Sites for U.S. voter groups ran.\nTitle: Microsoft\u00a0')).toEqual([
      'Attacks on the U.S., Microsoft said.',
      'Sites for U.S. voter groups ran.',
      'Title: Microsoft',
    ]);
  });
});

describe('the article map', () => {
  it('is valid and maps every relationship that cites the article, each to a sentence holding its quote', async () => {
    const { map, dataset } = await inputs();
    expect(dataset.errors).toEqual([]);
    expect(map.source).toBe(ARTICLE);
    expect(articleMapProblems(map, dataset.relationships)).toEqual([]);
    // Each sentence either models something or says why not.
    for (const s of map.sentences) expect('relationships' in s ? s.relationships.length : s.noFact.length).toBeGreaterThan(0);
  });

  it.runIf(existsSync(SHARED_SOURCES_DIR))('lists every sentence of the article, exactly and in order', async () => {
    const { map, dataset } = await inputs();
    const article = await readArticle(map);
    expect(article, `${path.join(SHARED_SOURCES_DIR, map.document)} is readable`).toBeDefined();
    expect(map.sentences.map((s) => s.text)).toEqual(splitSentences(article!));
    expect(articleMapProblems(map, dataset.relationships, article)).toEqual([]);
  });

  it('models the cooperation of all three states and the unnamed AI tools as the article states them', async () => {
    const { map, dataset } = await inputs();
    const cooperation = map.sentences.find((s) => s.text.startsWith('Russia, China and Iran are increasingly collaborating'));
    const ids = cooperation && 'relationships' in cooperation ? cooperation.relationships.map(relationshipId) : [];
    for (const state of ['russia', 'china', 'iran']) {
      expect(ids).toContain(`state--${state}|OUTSOURCES_TO|proxy-gang--cybercrime-networks-working-with-${state}`);
    }
    const chatgpt = dataset.relationships.filter((r) => r.to === 'tool--chatgpt');
    expect(chatgpt.length).toBeGreaterThan(0);
    expect(chatgpt.filter((r) => r.sources.includes(ARTICLE)).map((r) => r.id)).toEqual([]);
    const aiTools = dataset.nodes.find((n) => n.props.id === 'tool--unnamed-ai-tools-iran-news-sites');
    expect(aiTools?.props.name).toMatch(/unnamed in the origin article/);
  });
});

describe('the article map check', () => {
  it('fails when a sentence is dropped from the map or put out of order', async () => {
    const { map, dataset } = await inputs();
    // The map's own sentences, one a line, read as the article: each line splits into itself alone.
    const article = map.sentences.map((s) => s.text).join('\n');
    expect(articleMapProblems(map, dataset.relationships, article)).toEqual([]);
    const noFact = map.sentences.findIndex((s) => 'noFact' in s && s.text.startsWith('Published Tuesday'));
    const dropped = { ...map, sentences: map.sentences.filter((_, i) => i !== noFact) };
    expect(articleMapProblems(dropped, dataset.relationships, article)).toEqual([
      `sentence ${noFact + 1} of the article is missing from the map: "${map.sentences[noFact]!.text}"`,
    ]);
    const last = { ...map, sentences: map.sentences.slice(0, -1) };
    expect(articleMapProblems(last, dataset.relationships, article)).toContain(
      `sentence ${map.sentences.length} of the article is missing from the map: "${map.sentences.at(-1)!.text}"`,
    );
    const [first, second, third, ...rest] = map.sentences;
    const reordered = { ...map, sentences: [third!, second!, first!, ...rest] };
    expect(articleMapProblems(reordered, dataset.relationships, article)).toEqual([
      `sentence 1 differs from the article: expected "${first!.text}", found "${third!.text}"`,
    ]);
  });

  it('fails when a mapped relationship is removed from the data, stops citing the article or changes its quote', async () => {
    const { map, dataset } = await inputs();
    const mapped = map.sentences.flatMap((s) => ('relationships' in s ? s.relationships.map(relationshipId) : []));
    const target = mapped[0]!;
    const without = dataset.relationships.filter((r) => relationshipId(r) !== target);
    expect(articleMapProblems(map, without)).toEqual([`sentence 3: ${target} is not in the seed data`]);

    const uncited = dataset.relationships.map((r) => (relationshipId(r) === target ? { ...r, sources: ['source--msft-ddr-2024'] } : r));
    expect(articleMapProblems(map, uncited)).toEqual([`sentence 3: ${target} does not cite ${ARTICLE}`]);

    const requoted = dataset.relationships.map((r) => (relationshipId(r) === target ? { ...r, quote: 'ChatGPT was used.' } : r));
    expect(articleMapProblems(map, requoted)).toEqual([`sentence 3: the quote of ${target} is not part of the sentence`]);
  });

  it('fails when a relationship cites the article but no sentence lists it', async () => {
    const { map, dataset } = await inputs();
    const extra = { type: 'USES' as const, from: 'campaign--storm-2035-fake-news-sites', to: 'tool--chatgpt' };
    const citing = dataset.relationships.map((r) =>
      relationshipId(r) === relationshipId(extra) ? { ...r, sources: [...r.sources, ARTICLE] } : r,
    );
    expect(articleMapProblems(map, citing)).toEqual([`${relationshipId(extra)} cites ${ARTICLE} but no sentence lists it`]);
  });

  it('rejects a sentence with neither relationships nor a reason', () => {
    const bad = { source: ARTICLE, document: 'a.txt', sentences: [{ text: 'A claim.' }] };
    expect(articleMapSchema.safeParse(bad).success).toBe(false);
    const empty = { ...bad, sentences: [{ text: 'A claim.', relationships: [] }] };
    expect(articleMapSchema.safeParse(empty).success).toBe(false);
  });
});
