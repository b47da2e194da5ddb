// Researchers' own saved queries, kept in Neo4j as :SavedQuery nodes, apart from the threat data.
import { randomUUID } from 'node:crypto';
import type { Node } from 'neo4j-driver';
import type { SavedQuery } from '@model/api.js';
import { queryParameterSchema } from '@model/api.js';
import type { Caller, Visibility } from '@model/sharing.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';

export interface SavedQueryFields {
  name: string;
  description: string;
  cypher: string;
  parameters: SavedQuery['parameters'];
  visibility?: Visibility | undefined;
}

function fromNode(node: Node): SavedQuery {
  const p = node.properties as Record<string, unknown>;
  return {
    id: String(p.id),
    name: String(p.name),
    description: String(p.description ?? ''),
    cypher: String(p.cypher),
    parameters: queryParameterSchema.array().parse(JSON.parse(String(p.parameters ?? '[]'))),
    builtIn: false,
    // Saved before ownership existed: no owner, seen by the whole team as before.
    ...(p.owner === null || p.owner === undefined
      ? { owner: null, visibility: 'team' as const }
      : { owner: String(p.owner), visibility: (p.visibility as Visibility | undefined) ?? 'team' }),
  };
}

function toParams({ name, description, cypher, parameters, visibility }: SavedQueryFields) {
  return { name, description, cypher, parameters: JSON.stringify(parameters), visibility: visibility ?? null };
}

export class SavedQueryStore {
  constructor(
    private readonly db: Database,
    private readonly timeoutMs: number,
  ) {}

  /** The saved queries the caller may see in a list (see isListed in model/sharing.ts). */
  async list(who: Caller): Promise<SavedQuery[]> {
    const params = { username: who.username, admin: who.role === 'admin' };
    const result = await this.db.read((tx) => tx.run(cypher('saved-queries/list'), params), { timeoutMs: this.timeoutMs });
    return result.records.map((r) => fromNode(r.get('q')));
  }

  async get(id: string): Promise<SavedQuery | null> {
    const result = await this.db.read((tx) => tx.run(cypher('saved-queries/get'), { id }), { timeoutMs: this.timeoutMs });
    const node = result.records[0]?.get('q') as Node | undefined;
    return node ? fromNode(node) : null;
  }

  async create(fields: SavedQueryFields, owner: string, visibility: Visibility): Promise<SavedQuery> {
    const id = `user-${randomUUID()}`;
    const params = { id, ...toParams(fields), owner, visibility };
    const result = await this.db.write((tx) => tx.run(cypher('saved-queries/create'), params));
    return fromNode(result.records[0]!.get('q'));
  }

  async update(id: string, fields: SavedQueryFields): Promise<SavedQuery | null> {
    const result = await this.db.write((tx) => tx.run(cypher('saved-queries/update'), { id, ...toParams(fields) }));
    const node = result.records[0]?.get('q') as Node | undefined;
    return node ? fromNode(node) : null;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.write((tx) => tx.run(cypher('saved-queries/delete'), { id }));
    return Number(result.records[0]?.get('deleted') ?? 0) > 0;
  }
}
