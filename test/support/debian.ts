// Tools a test needs from Debian's packages, installed on first use (idempotent): the test machine
// and CI run as root with apt-get; anywhere else the error says what to install.
import { spawnSync } from 'node:child_process';

function works(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function aptGet(args: string[]): { ok: boolean; output: string } {
  const run = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}`.slice(-2000) };
}

/** Installs Debian packages unless `present()` already holds; refreshes the lists once if needed. */
export function ensureDebianPackages(packages: string[], present: () => boolean): void {
  if (present()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`This test needs ${packages.join(', ')}; run as root: apt-get install -y ${packages.join(' ')}`);
  }
  let install = aptGet(['install', '-y', '--no-install-recommends', ...packages]);
  if (!install.ok) {
    aptGet(['update']);
    install = aptGet(['install', '-y', '--no-install-recommends', ...packages]);
  }
  if (!install.ok || !present()) throw new Error(`apt-get install ${packages.join(' ')} failed:\n${install.output}`);
}

/** A python3 that imports networkx: the one on PATH if it has it, else Debian's with python3-networkx. */
export function pythonWithNetworkx(): string {
  const candidates = ['python3', '/usr/bin/python3'];
  const find = () => candidates.find((python) => works(python, ['-c', 'import networkx']));
  ensureDebianPackages(['python3-networkx'], () => find() !== undefined);
  return find()!;
}
