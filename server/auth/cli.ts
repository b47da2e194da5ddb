// npm run users -- <command>: manage the accounts of AUTH=local (stored in Neo4j as :User; the
// database is the one npm start uses: NEO4J_URI, or the managed Neo4j).
//   add <name> --role <viewer|editor|admin> [--password-stdin]
//   list
//   set-role <name> --role <viewer|editor|admin>
//   disable <name>        (ends its sessions)     enable <name>
//   reset-password <name> [--password-stdin]   (ends its sessions)
// Every change is an audit event (server/audit) whose actor is `cli`.
// The password is asked for without echo on a terminal, or read from stdin with --password-stdin
// (one line); it never appears in arguments, the environment or the log.
import { createInterface } from 'node:readline';
import { AUDIT_ACTORS, type AuditAction } from '@model/audit.js';
import { ACCOUNT_ROLES } from '@model/auth.js';
import { AuditLog } from '../audit/log.js';
import type { AuditSummary } from '../audit/summary.js';
import { loadConfig } from '../config.js';
import { connectNeo4j } from '../db/connect.js';
import { applySchema } from '../db/schema.js';
import { createLogger } from '../logger.js';
import { UsageError, checkPassword, parseArgs, type Parsed } from './cli-args.js';
import { hashPassword } from './passwords.js';
import { AuthStore, UserExistsError, normaliseUsername } from './store.js';

const USAGE = `usage: npm run users -- add <name> --role <${ACCOUNT_ROLES.join('|')}> [--password-stdin]
       npm run users -- list
       npm run users -- set-role <name> --role <${ACCOUNT_ROLES.join('|')}>
       npm run users -- disable <name> | enable <name>
       npm run users -- reset-password <name> [--password-stdin]`;

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Asks on the terminal without echoing what is typed. */
async function askHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  let asking = true;
  output._writeToOutput = (s: string) => {
    if (!asking || s.includes(question)) process.stdout.write(s);
  };
  try {
    return await new Promise<string>((resolve) =>
      rl.question(question, (answer) => {
        asking = false;
        process.stdout.write('\n');
        resolve(answer);
      }),
    );
  } finally {
    rl.close();
  }
}

async function newPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdinLine();
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask the password on: pipe it in with --password-stdin');
  const first = await askHidden('Password: ');
  const again = await askHidden('Again: ');
  if (first !== again) throw new UsageError('the two passwords differ');
  return first;
}

const state = (u: { username: string; role: string; disabled: boolean }): AuditSummary => ({
  username: u.username,
  role: u.role,
  disabled: u.disabled,
});

async function run(parsed: Parsed, store: AuthStore, audit: AuditLog): Promise<number> {
  const name = parsed.name ? normaliseUsername(parsed.name) : '';
  const missing = () => {
    console.error(`No user named "${name}".`);
    return 1;
  };
  // Every change is an audit event by `cli`; one that could not be stored fails the command
  // (the change is made; the event is in the error log).
  const audited = async (action: AuditAction, before: AuditSummary | null, after: AuditSummary | null, message: string) => {
    const stored = await audit.record({
      action,
      actor: { username: AUDIT_ACTORS.cli, role: null },
      ip: null,
      targets: [name],
      before,
      after,
    });
    console.log(message);
    if (!stored) console.error('The audit event of this change could not be stored: it is in the error log above.');
    return stored ? 0 : 1;
  };
  const existing = async () => {
    const user = await store.getUser(name);
    return user && state(user);
  };
  switch (parsed.command) {
    case 'list': {
      const users = await store.listUsers();
      if (users.length === 0) console.log('No users yet.');
      for (const u of users)
        console.log(
          `${u.username}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.sessions ?? 0} session(s)\tcreated ${u.createdAt}`,
        );
      return 0;
    }
    case 'add':
    case 'reset-password': {
      const password = await newPassword(parsed.passwordStdin);
      const problem = checkPassword(password);
      if (problem) {
        console.error(problem);
        return 1;
      }
      const hash = await hashPassword(password);
      if (parsed.command === 'add') {
        const user = await store.createUser(name, parsed.role!, hash);
        return audited('user.create', null, state(user), `Added ${user.username} (${user.role}).`);
      }
      const before = await existing();
      const user = await store.updateUser(name, { passwordHash: hash });
      if (!user) return missing();
      return audited('user.password-reset', before, state(user), `New password for ${name}; its sessions are ended.`);
    }
    case 'set-role': {
      const before = await existing();
      const user = await store.updateUser(name, { role: parsed.role! });
      if (!user) return missing();
      return audited('user.role', before, state(user), `${user.username} is now ${user.role}.`);
    }
    case 'disable':
    case 'enable': {
      const before = await existing();
      const user = await store.updateUser(name, { disabled: parsed.command === 'disable' });
      if (!user) return missing();
      return audited(
        parsed.command === 'disable' ? 'user.disable' : 'user.enable',
        before,
        state(user),
        parsed.command === 'disable' ? `${user.username} is disabled; its sessions are ended.` : `${user.username} is enabled.`,
      );
    }
  }
  return 2;
}

async function main(args: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const neo4j = await connectNeo4j(config, logger);
  try {
    // The accounts' constraints (unique names) may not exist yet if the explorer never started.
    await applySchema(neo4j.db);
    return await run(parsed, new AuthStore(neo4j.db), new AuditLog(neo4j.db, logger));
  } catch (err) {
    if (err instanceof UsageError || err instanceof UserExistsError) {
      console.error(err.message);
      return err instanceof UsageError ? 2 : 1;
    }
    throw err;
  } finally {
    await neo4j.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
