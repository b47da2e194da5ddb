// Built-in queries are files cypher/queries/*.cypher whose header comments declare them:
//   // name: Who works with an actor
//   // description: ...
//   // param: actor id = "state--russia" -- the actor's id
// A parameter line is `name type [= default as JSON] [-- description]`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { QueryParameter, SavedQuery } from '@model/api.js';
import { PARAM_TYPES } from '@model/query-parameters.js';
import { REPO_ROOT } from '../config.js';

const DIR = path.join(REPO_ROOT, 'cypher', 'queries');
const PARAM_LINE = /^(\w+)\s+(\S+)(?:\s*=\s*(.+?))?(?:\s+--\s+(.*))?$/;

export function parseBuiltIn(id: string, text: string): SavedQuery {
  const header: Record<string, string> = {};
  const parameters: QueryParameter[] = [];
  for (const line of text.split('\n')) {
    const m = line.match(/^\/\/\s*(name|description|param):\s*(.*)$/);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (key !== 'param') {
      header[key] = header[key] ? `${header[key]} ${value.trim()}` : value.trim();
      continue;
    }
    const p = value.trim().match(PARAM_LINE);
    if (!p || !(PARAM_TYPES as readonly string[]).includes(p[2]!)) throw new Error(`${id}.cypher: bad param line "${value}"`);
    parameters.push({
      name: p[1]!,
      type: p[2] as QueryParameter['type'],
      ...(p[3] !== undefined ? { default: JSON.parse(p[3]) as unknown } : {}),
      ...(p[4] !== undefined ? { description: p[4] } : {}),
    });
  }
  if (!header.name) throw new Error(`${id}.cypher: no "// name:" line`);
  return {
    id,
    name: header.name,
    description: header.description ?? '',
    cypher: text.trim(),
    parameters,
    builtIn: true,
    owner: null,
    visibility: 'team',
  };
}

let cache: SavedQuery[] | null = null;

export function builtInQueries(): SavedQuery[] {
  cache ??= readdirSync(DIR)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => parseBuiltIn(f.replace(/\.cypher$/, ''), readFileSync(path.join(DIR, f), 'utf8')));
  return cache;
}
