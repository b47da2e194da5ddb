// Supertest reads JSON and text by itself; exports (PNG, zip) are read as bytes with this parser:
// `.buffer(true).parse(asBuffer)`. Superagent hands it the raw Node response.
import type { IncomingMessage } from 'node:http';

export function asBuffer(response: unknown, callback: (err: Error | null, body: Buffer) => void): void {
  const res = response as IncomingMessage;
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
  res.on('error', (err: Error) => callback(err, Buffer.alloc(0)));
}
