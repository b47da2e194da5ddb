// A recorded pid is "running" only while that very process runs: not once it is a zombie (killed,
// never reaped, as after a SIGKILL to a process group on a machine whose init does not reap), and
// not when the pid belongs to a later process.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { processRunning, processStartTime } from '../server/process-identity.js';

const children: number[] = [];
afterEach(() => {
  for (const pid of children.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** `sh` starts a short `sleep` in the background, prints its pid, and becomes a long `sleep`, which never reaps it. */
async function zombie(): Promise<number> {
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(parent.pid!);
  const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
  await sleep(500);
  return pid;
}

describe('processRunning', () => {
  it('is true for this process, with or without its start time', () => {
    expect(processRunning(process.pid)).toBe(true);
    expect(processRunning(process.pid, processStartTime())).toBe(true);
  });

  it('is false for a zombie, which kill(pid, 0) still finds', async () => {
    const pid = await zombie();
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(processRunning(pid)).toBe(false);
  });

  it('is false for a pid that exists but started at another time (reused)', () => {
    const start = processStartTime();
    expect(start).toMatch(/^\d+$/);
    expect(processRunning(process.pid, String(Number(start) + 1))).toBe(false);
  });

  it('is false for a process that has exited', async () => {
    const child = spawn('true');
    const pid = child.pid!;
    await new Promise((resolve) => child.on('close', resolve));
    expect(processRunning(pid)).toBe(false);
  });
});
