// The arguments and password rules of `npm run users` (cli.ts), apart from it so that they can be
// tested without loading argon2: its native addon crashes Vitest's worker threads at exit.
import { ACCOUNT_ROLES, usernameSchema, type AccountRole } from '@model/auth.js';

/** Our rule, not a standard's: long enough that guessing online, slowed, gets nowhere. */
export const PASSWORD_MIN_LENGTH = 12;

export class UsageError extends Error {}

export interface Parsed {
  command: string;
  name?: string;
  role?: AccountRole;
  passwordStdin: boolean;
}

export function parseArgs(args: readonly string[]): Parsed {
  const roleAt = args.indexOf('--role');
  const role = roleAt >= 0 ? args[roleAt + 1] : undefined;
  if (roleAt >= 0 && !ACCOUNT_ROLES.includes(role as AccountRole))
    throw new UsageError(`--role must be one of ${ACCOUNT_ROLES.join(', ')}`);
  const flags = args.filter((a) => a.startsWith('--'));
  const unknown = flags.filter((f) => f !== '--role' && f !== '--password-stdin');
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
  const positional = args.filter((a, i) => !a.startsWith('--') && !(roleAt >= 0 && i === roleAt + 1));
  const [command, name, ...rest] = positional;
  if (!command || rest.length > 0) throw new UsageError('one command and at most one name');
  const needsName = ['add', 'set-role', 'disable', 'enable', 'reset-password'];
  if (!['list', ...needsName].includes(command)) throw new UsageError(`unknown command ${command}`);
  if (needsName.includes(command) && !name) throw new UsageError(`${command} needs a user name`);
  if (name !== undefined) {
    const checked = usernameSchema.safeParse(name);
    if (!checked.success) throw new UsageError(`the name ${checked.error.issues[0]!.message}`);
  }
  if ((command === 'add' || command === 'set-role') && role === undefined) throw new UsageError(`${command} needs --role`);
  return {
    command,
    ...(name ? { name } : {}),
    ...(role ? { role: role as AccountRole } : {}),
    passwordStdin: args.includes('--password-stdin'),
  };
}

export function checkPassword(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > 1024) return 'The password must have at most 1024 characters.';
  return null;
}
