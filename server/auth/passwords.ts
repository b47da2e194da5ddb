// Password hashes: argon2id (the `argon2` package, its defaults: 64 MiB, 3 passes), never logged.
import argon2 from 'argon2';

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** False for a wrong password and for a hash that is not one (never throws on bad input). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a hash of nothing anyone knows: for an unknown or disabled user, so a failure
 * takes as long as a wrong password does and the timing says nothing about which it was.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword(`no user ${Math.random()}`);
  await verifyPassword(await dummy, password);
  return false;
}
