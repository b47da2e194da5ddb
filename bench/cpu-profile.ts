// A CPU profile of the calling thread (V8's sampling profiler through node:inspector), and a
// summary of where its busy time went, by package or source file: bench:load --cpu-profile.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Profiler {
  /** Stops profiling; writes the profile to `file` (for Chrome DevTools) and returns it. */
  stop(file: string): Promise<CpuProfile>;
}

export async function startProfiler(): Promise<Profiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
      session.disconnect();
      await writeFile(file, JSON.stringify(profile));
      return profile;
    },
  };
}

/** Where a function lives: its npm package, node's own module, or the project's file. */
function owner(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return url;
  const project = url.indexOf('/work/main/');
  return project >= 0 ? url.slice(project + '/work/main/'.length) : url.replace(/^file:\/\//, '');
}

/** "writeBuffer 12.3 %": the share of busy (non-idle) samples by owner, the largest first. */
export function summariseProfile(profile: CpuProfile, top = 12): { busyMs: number; lines: string[] } {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byOwner = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of byNode) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy += micros;
    const key = owner(frame.url, frame.functionName);
    byOwner.set(key, (byOwner.get(key) ?? 0) + micros);
  }
  const lines = [...byOwner]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, micros]) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${key}`);
  return { busyMs: busy / 1000, lines };
}
