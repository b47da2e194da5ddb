// The managed Neo4j needs Java 17+ (to run) and Maven (to fetch it once). Each missing piece gets
// one line saying what to install, or how to use an existing server instead.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const USE_EXISTING = 'or set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD to use an existing Neo4j server';

export class PrerequisiteError extends Error {}

export async function requireJava17(): Promise<void> {
  let output: string;
  try {
    // `java -version` prints to stderr.
    const { stdout, stderr } = await run('java', ['-version']);
    output = `${stdout}${stderr}`;
  } catch {
    throw new PrerequisiteError(
      `Java 17 or newer is required to run the managed Neo4j: install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) ${USE_EXISTING}.`,
    );
  }
  const match = output.match(/version "(\d+)(?:\.(\d+))?/);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (!(major >= 17)) {
    throw new PrerequisiteError(
      `Java 17 or newer is required to run the managed Neo4j, found ${match?.[0] ?? 'an unknown version'}: install Java 17+ ${USE_EXISTING}.`,
    );
  }
}

export async function requireMaven(): Promise<void> {
  try {
    await run('mvn', ['-v']);
  } catch {
    throw new PrerequisiteError(
      `Maven is required to fetch Neo4j once from Maven Central: install it (Debian/Ubuntu: apt-get install maven) ${USE_EXISTING}.`,
    );
  }
}
