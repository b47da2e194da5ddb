// Uploaded bundles waiting for confirmation: each a file in one temporary folder, deleted when it
// is imported, cancelled, or left unconfirmed past its time to live.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

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

export class UploadStore {
  private readonly uploads = new Map<string, { upload: Upload; timer: NodeJS.Timeout }>();
  private dir: Promise<string> | undefined;

  constructor(
    private readonly bytesMax: number,
    private readonly ttlMs = UPLOAD_TTL_MS,
  ) {}

  private folder(): Promise<string> {
    this.dir ??= mkdtemp(path.join(tmpdir(), 'stix-uploads-'));
    return this.dir;
  }

  /** Streams a body to a new file; over the size limit it is deleted and UploadTooLargeError thrown. */
  async receive(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, fileName = 'upload.json'): Promise<Upload> {
    const id = randomUUID();
    const file = path.join(await this.folder(), `${id}.json`);
    let bytes = 0;
    const max = this.bytesMax;
    try {
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
      await rm(file, { force: true });
      throw err;
    }
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
    return true;
  }

  /** Deletes every upload and the folder (the server closing, the end of a test). */
  async close(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.delete(id)));
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
