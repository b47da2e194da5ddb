// Accounts (:User) and sessions (:Session) in Neo4j, apart from the threat data. A session holds
// its account's name, not a relationship: nothing reaches it from the graph. Role and disabled
// flag are read with the session on each check, so a change applies to live sessions at once.
import type { AccountRole } from '@model/auth.js';
import type { Database } from '../db/database.js';
import { cypher } from '../db/statements.js';
import { toPlain } from '../db/to-json.js';

export interface UserSummary {
  username: string;
  role: AccountRole;
  disabled: boolean;
  createdAt: string;
  sessions?: number;
}

export interface UserWithHash {
  username: string;
  role: AccountRole;
  disabled: boolean;
  passwordHash: string;
}

export interface SessionRecord {
  username: string;
  createdAt: string;
  lastSeenAt: string;
  /** Null when the account is gone. */
  role: AccountRole | null;
  disabled: boolean;
}

export class UserExistsError extends Error {}

/** User names compare without case: "Alice" and "alice" are one account. */
export const normaliseUsername = (name: string) => name.trim().toLowerCase();

type Row = Record<string, unknown>;
const plain = (r: { toObject(): Row }) => toPlain(r.toObject()) as Row;

export class AuthStore {
  constructor(private readonly db: Database) {}

  async countUsers(): Promise<number> {
    const result = await this.db.read((tx) => tx.run(cypher('auth/user-count')));
    return Number(plain(result.records[0]!).users);
  }

  async listUsers(): Promise<UserSummary[]> {
    const result = await this.db.read((tx) => tx.run(cypher('auth/user-list')));
    return result.records.map((r) => plain(r) as unknown as UserSummary);
  }

  async getUser(username: string): Promise<UserWithHash | null> {
    const result = await this.db.read((tx) => tx.run(cypher('auth/user-get'), { username: normaliseUsername(username) }));
    const row = result.records[0];
    return row ? (plain(row) as unknown as UserWithHash) : null;
  }

  async createUser(username: string, role: AccountRole, passwordHash: string): Promise<UserSummary> {
    const now = new Date().toISOString();
    try {
      const result = await this.db.write((tx) =>
        tx.run(cypher('auth/user-create'), { username: normaliseUsername(username), role, passwordHash, now }),
      );
      return plain(result.records[0]!) as unknown as UserSummary;
    } catch (err) {
      if (String((err as { code?: unknown }).code).includes('ConstraintValidationFailed'))
        throw new UserExistsError(`A user named "${normaliseUsername(username)}" already exists.`);
      throw err;
    }
  }

  /**
   * Changes role, disabled flag or password; disabling or a new password ends every session of the
   * account in the same transaction. Null when there is no such user.
   */
  async updateUser(
    username: string,
    change: { role?: AccountRole; disabled?: boolean; passwordHash?: string },
  ): Promise<UserSummary | null> {
    const name = normaliseUsername(username);
    const endSessions = change.disabled === true || change.passwordHash !== undefined;
    return this.db.write(async (tx) => {
      const result = await tx.run(cypher('auth/user-update'), {
        username: name,
        role: change.role ?? null,
        disabled: change.disabled ?? null,
        passwordHash: change.passwordHash ?? null,
        now: new Date().toISOString(),
      });
      const row = result.records[0];
      if (!row) return null;
      if (endSessions) await tx.run(cypher('auth/sessions-end-user'), { username: name });
      return plain(row) as unknown as UserSummary;
    });
  }

  async createSession(tokenHash: string, username: string, now: Date): Promise<void> {
    await this.db.write((tx) =>
      tx.run(cypher('auth/session-create'), { tokenHash, username: normaliseUsername(username), now: now.toISOString() }),
    );
  }

  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    const result = await this.db.read((tx) => tx.run(cypher('auth/session-find'), { tokenHash }));
    const row = result.records[0];
    return row ? (plain(row) as unknown as SessionRecord) : null;
  }

  async touchSession(tokenHash: string, now: Date): Promise<void> {
    await this.db.write((tx) => tx.run(cypher('auth/session-touch'), { tokenHash, now: now.toISOString() }));
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.db.write((tx) => tx.run(cypher('auth/session-end'), { tokenHash }));
  }
}
