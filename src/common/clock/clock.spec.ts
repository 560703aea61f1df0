import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileClock, processClock, SystemClock } from './clock';

describe('the demo file clock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clock-'));
  const file = join(dir, 'clock');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the instant in the file on every call, and the system time when the file is absent, empty or not a time', () => {
    const clock = new FileClock(file);
    const near = (d: Date) => Math.abs(d.getTime() - Date.now()) < 5_000;
    expect(near(clock.now())).toBe(true);
    writeFileSync(file, '2026-03-02T09:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    writeFileSync(file, '2026-03-03T23:00:00.000Z\n');
    expect(clock.now().toISOString()).toBe('2026-03-03T23:00:00.000Z');
    writeFileSync(file, '');
    expect(near(clock.now())).toBe(true);
    writeFileSync(file, 'yesterday');
    expect(near(clock.now())).toBe(true);
  });

  it('is used only when DEMO_CLOCK_FILE is set, and never in production', () => {
    expect(processClock({})).toBeInstanceOf(SystemClock);
    expect(processClock({ DEMO_CLOCK_FILE: file, NODE_ENV: 'development' })).toBeInstanceOf(FileClock);
    expect(() => processClock({ DEMO_CLOCK_FILE: file, NODE_ENV: 'production' })).toThrow(/demo only/);
  });
});
