// Session tokens: 256 random bits, sent to the browser once; only their SHA-256 is stored, so the
// sessions in Neo4j cannot be used by whoever reads them.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
