import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { AppConfig } from './app-config';

/** Structured (JSON) logs at the configured level, for every process. */
export function nestLogger(config: AppConfig): ConsoleLogger | false {
  if (config.logLevel === 'silent') return false;
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  const upto = ({ fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 } as Record<string, number>)[config.logLevel] ?? 3;
  return new ConsoleLogger({ json: true, logLevels: order.slice(0, upto + 1) });
}
