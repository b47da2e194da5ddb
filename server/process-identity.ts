// Whether a process recorded earlier (a STIX import's job, Neo4j's pid file) is still running.
// `kill(pid, 0)` alone says yes for a zombie: a killed process nobody has reaped yet, which lasts
// when its parent died with it and the machine's init does not reap orphans (seen in CI). It also
// says yes for an unrelated process that got the pid later. On Linux /proc tells both apart.
import { readFileSync } from 'node:fs';

/** State and start time (clock ticks after boot) from /proc/<pid>/stat; undefined: no such process; null: no /proc here. */
function procStat(pid: number): { state: string; startTicks: string } | null | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return null;
    // ENOENT: no such process, unless there is no /proc at all.
    try {
      readFileSync('/proc/self/stat');
      return undefined;
    } catch {
      return null;
    }
  }
  // Fields after the command name (which may hold spaces and parentheses): state is field 3, start time field 22.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', startTicks: fields[19] ?? '' };
}

/** The start time of a process as /proc gives it (to record next to its pid), or null where unknown. */
export function processStartTime(pid: number = process.pid): string | null {
  return procStat(pid)?.startTicks || null;
}

/**
 * True while the process with this pid runs and, when `startTime` (from processStartTime) is
 * given, is the same one that recorded it. Zombies are not running. Without /proc: kill(pid, 0).
 */
export function processRunning(pid: number, startTime?: string | null): boolean {
  const stat = procStat(pid);
  if (stat === undefined) return false;
  if (stat === null) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      // EPERM: it exists, owned by someone else.
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return !startTime || stat.startTicks === startTime;
}
