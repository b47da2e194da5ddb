// Plain node:http and raw-socket requests to a listening app, for what supertest cannot send
// (no Host header, odd methods, bodies that are not what their headers say, many in flight).
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface Sent {
  method: string;
  path: string;
  headers?: http.OutgoingHttpHeaders;
  /** Sent with a Content-Length; a list of parts is sent chunked (Transfer-Encoding) instead. */
  body?: string | Buffer | Array<string | Buffer>;
  /** Do not add a Host header (node:http adds one by default). */
  noHost?: boolean;
}

/** The app on 127.0.0.1 and a free port; `close` ends it and its keep-alive sockets. */
export async function listen(app: Express | http.RequestListener, options: http.ServerOptions = {}) {
  const server = http.createServer(options, app as http.RequestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const socketIds = new WeakMap<object, number>();
let nextSocketId = 1;

/**
 * Sends one request and reads the whole answer. `onSocket` learns which connection carried it
 * (a number per socket), to tell which earlier request left a keep-alive connection broken.
 */
export function send(port: number, req: Sent, agent?: http.Agent, timeoutMs = 60_000, onSocket?: (id: number) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // node:http frames a body itself only for methods that usually have one: a GET or DELETE body
    // would go out unframed (and be read as the next request). Say how it is framed, always.
    const headers: http.OutgoingHttpHeaders = { ...req.headers };
    const names = new Set(Object.keys(headers).map((k) => k.toLowerCase()));
    if (req.body !== undefined && !names.has('content-length') && !names.has('transfer-encoding')) {
      if (Array.isArray(req.body)) headers['transfer-encoding'] = 'chunked';
      else headers['content-length'] = Buffer.byteLength(req.body);
    }
    const r = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent: agent ?? false, setHost: !req.noHost },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    if (onSocket) {
      r.once('socket', (socket) => {
        if (!socketIds.has(socket)) socketIds.set(socket, nextSocketId++);
        onSocket(socketIds.get(socket)!);
      });
    }
    r.on('error', reject);
    if (Array.isArray(req.body)) {
      for (const part of req.body) r.write(part);
      r.end();
    } else if (req.body !== undefined) {
      r.end(req.body);
    } else {
      r.end();
    }
  });
}

/** Writes `raw` to a new connection and returns everything the server sent until it closed. */
export function sendRaw(port: number, raw: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`connection not closed within ${timeoutMs} ms`)));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.write(raw);
  });
}

/** Status line, headers and body of a raw HTTP/1.x answer. */
export function parseRaw(text: string): { status: number; headers: Record<string, string>; body: string } {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine?.split(' ')[1]), headers, body: split < 0 ? '' : text.slice(split + 4) };
}
