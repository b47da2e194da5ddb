// One structured (JSON) logger for the whole server; `LOG_LEVEL` sets how much it says.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'threat-network-explorer' } });
}
