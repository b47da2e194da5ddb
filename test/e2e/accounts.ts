// The explorer with AUTH=local and the given accounts, for the browser tests that sign in; every
// account has the one password. Apart from browser.ts so that only these tests load argon2.
import type { AccountRole } from '@model/auth.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { AuthStore } from '../../server/auth/store.js';
import { startExplorer, type Explorer } from './browser.js';

export const PASSWORD = 'a long enough passphrase';

export async function startExplorerWithAccounts(accounts: Record<string, AccountRole>): Promise<Explorer> {
  const explorer = await startExplorer({ auth: { mode: 'local' } });
  const store = new AuthStore(explorer.db);
  const hash = await hashPassword(PASSWORD);
  for (const [name, role] of Object.entries(accounts)) await store.createUser(name, role, hash);
  return explorer;
}
