// Uploaded bundles waiting for confirmation: each a file in one temporary folder, deleted when it
// is imported, cancelled, or left unconfirmed past its time to live. The folder lives while it
// holds uploads; it names the server's process, so that the next one removes the folder of a
// server that was killed (its uploads died with it: they are kept in memory).
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { processRunning } from '../process-identity.js';

export interface Upload {
  id: string;
  file: string;
  fileName: string;
  expiresAt: Date;
  /** A confirm is running: a second one waits its turn by being refused. */
  busy: boolean;
}

export class UploadTooLargeError extends Error {}

export const UPLOAD_TTL_MS = 30 * 60 * 1000;

const FOLDER_PREFIX = 'stix-uploads-';

/**
 * Removes the upload folders of servers no longer running (`stix-uploads-<pid>-…` of a dead pid),
 * and empty ones named before the pid was (`stix-uploads-XXXXXX`). Best effort: a folder it
 * cannot remove is left.
 */
export async function removeAbandonedUploadFolders(root = tmpdir()): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(FOLDER_PREFIX))
      .map((name) => {
        const owner = /^stix-uploads-(\d+)-/.exec(name);
        const folder = path.join(root, name);
        if (!owner) return rmdir(folder).catch(() => {});
        return processRunning(Number(owner[1])) ? Promise.resolve() : rm(folder, { recursive: true, force: true }).catch(() => {});
      }),
  );
}

export class UploadStore {
  private readonly uploads = new Map<string, { upload: Upload; timer: NodeJS.Timeout }>();
  private dir: Promise<string> | undefined;
  /** Uploads being received: the folder stays while one is. */
  private receiving = 0;

  constructor(
    private readonly bytesMax: number,
    private readonly ttlMs = UPLOAD_TTL_MS,
  ) {}

  private folder(): Promise<string> {
    this.dir ??= removeAbandonedUploadFolders().then(() => mkdtemp(path.join(tmpdir(), `${FOLDER_PREFIX}${process.pid}-`)));
    return this.dir;
  }

  /** Removes the folder once it holds no upload and none is being received. */
  private async removeFolderIfUnused(): Promise<void> {
    if (this.uploads.size > 0 || this.receiving > 0 || !this.dir) return;
    const dir = this.dir;
    this.dir = undefined;
    await rm(await dir, { recursive: true, force: true });
  }

  /** Streams a body to a new file; over the size limit it is deleted and UploadTooLargeError thrown. */
  async receive(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, fileName = 'upload.json'): Promise<Upload> {
    const id = randomUUID();
    this.receiving++;
    let file = '';
    let bytes = 0;
    const max = this.bytesMax;
    try {
      file = path.join(await this.folder(), `${id}.json`);
      await pipeline(
        body,
        async function* (source: AsyncIterable<Uint8Array>) {
          for await (const chunk of source) {
            bytes += chunk.length;
            if (bytes > max) throw new UploadTooLargeError();
            yield chunk;
          }
        },
        createWriteStream(file),
      );
    } catch (err) {
      this.receiving--;
      if (file) await rm(file, { force: true });
      await this.removeFolderIfUnused();
      throw err;
    }
    this.receiving--;
    const upload: Upload = { id, file, fileName, expiresAt: new Date(Date.now() + this.ttlMs), busy: false };
    // unref: a pending expiry never keeps the process alive.
    const timer = setTimeout(() => void this.delete(id), this.ttlMs).unref();
    this.uploads.set(id, { upload, timer });
    return upload;
  }

  get(id: string): Upload | undefined {
    return this.uploads.get(id)?.upload;
  }

  /** Forgets the upload and deletes its file; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const entry = this.uploads.get(id);
    if (!entry) return false;
    this.uploads.delete(id);
    clearTimeout(entry.timer);
    await rm(entry.upload.file, { force: true });
    await this.removeFolderIfUnused();
    return true;
  }

  /** Deletes every upload and the folder (the server closing, the end of a test). */
  async close(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.delete(id)));
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
