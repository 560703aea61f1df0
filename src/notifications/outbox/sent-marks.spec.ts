import { SentMarks } from './outbox-sender.service';

const mark = (id: string) => ({ id, sentAt: new Date('2026-11-23T10:00:00Z'), messageId: `<${id}@x.example>`, smtpResponse: '250 OK' });

describe('SentMarks (group commit of "sent" marks)', () => {
  it('writes a mark at once, and the marks that arrive meanwhile together in the next write', async () => {
    const writes: string[][] = [];
    let release: () => void = () => undefined;
    const marks = new SentMarks(async (batch) => {
      writes.push(batch.map((m) => m.id));
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
      return new Set(batch.map((m) => m.id).filter((id) => id !== 'taken-over'));
    });
    const first = marks.mark(mark('a'));
    const later = [marks.mark(mark('b')), marks.mark(mark('c')), marks.mark(mark('taken-over'))];
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([['a']]);
    release();
    expect(await first).toBe(true);
    expect(await Promise.all(later)).toEqual([true, true, false]);
    expect(writes).toEqual([['a'], ['b', 'c', 'taken-over']]);
    // Idle again: the next mark goes straight away.
    expect(await marks.mark(mark('d'))).toBe(true);
    expect(writes).toHaveLength(3);
  });

  it('retries a failed write (a database blip) before giving up', async () => {
    let calls = 0;
    const marks = new SentMarks(async (batch) => {
      calls += 1;
      if (calls === 1) throw new Error('connection reset');
      return new Set(batch.map((m) => m.id));
    });
    expect(await marks.mark(mark('a'))).toBe(true);
    expect(calls).toBe(2);
  });
});
