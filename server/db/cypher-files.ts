// Every Cypher statement the product runs lives in cypher/*.cypher; this reads them, once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config.js';

const CYPHER_DIR = path.join(REPO_ROOT, 'cypher');
const cache = new Map<string, string>();

/** The text of cypher/<name>.cypher, e.g. cypher('health/counts'). */
export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8').trim();
    cache.set(name, text);
  }
  return text;
}

/** Splits a file of several statements, each ended by a semicolon at the end of a line. */
export function statements(name: string): string[] {
  return cypher(name)
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

/**
 * Fills `{{name}}` placeholders with what Cypher cannot take as a parameter: labels and
 * relationship types (callers pass only names from the graph model's allow-list; a list becomes
 * `A:B:C`) and the bound of a variable-length pattern (an integer validated upstream). Anything
 * else is refused here.
 */
export function withSchemaNames(text: string, names: Record<string, string | number | readonly string[]>): string {
  const isName = (v: unknown) => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v);
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = names[key];
    const safe =
      isName(value) ||
      (Array.isArray(value) && value.length > 0 && value.every(isName)) ||
      (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
    if (!safe) throw new Error(`No safe schema name given for {{${key}}}`);
    return Array.isArray(value) ? value.join(':') : String(value);
  });
}
