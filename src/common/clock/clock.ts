import { readFileSync } from 'node:fs';

/** Time comes from here, so tests can fix the clock. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock implements Clock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: Date | string): void {
    this.instant = new Date(instant);
  }
}

/**
 * The demo's clock (scripts/demo.sh sets DEMO_CLOCK_FILE for the API and the worker): the instant
 * written in that file, or the system's time when the file is absent or empty. The demo loader
 * advances it day by day so each fact is recorded on its own date (scripts/demo/load-demo.ts), then
 * removes the file. Never used in production (refused when NODE_ENV is 'production').
 */
export class FileClock implements Clock {
  constructor(readonly path: string) {}
  now(): Date {
    let text = '';
    try {
      text = readFileSync(this.path, 'utf8').trim();
    } catch {
      return new Date();
    }
    const instant = text ? new Date(text) : new Date();
    return Number.isNaN(instant.getTime()) ? new Date() : instant;
  }
}

/** The clock of the API and worker processes: the system's, or the demo's file clock when DEMO_CLOCK_FILE is set outside production. */
export function processClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const file = env.DEMO_CLOCK_FILE;
  if (!file) return new SystemClock();
  if (env.NODE_ENV === 'production') throw new Error('DEMO_CLOCK_FILE is for the demo only; unset it in production');
  return new FileClock(file);
}
