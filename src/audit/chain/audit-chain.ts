import { createHash } from 'node:crypto';

/**
 * The audit trail's hash chain, recomputed independently of the database that wrote it.
 *
 * Each organisation's events are numbered 1, 2, 3... (`seq`); each carries the previous event's
 * hash (`prevHash`, 64 zeros for the first) and its own `hash`: the SHA-256, in hex, of its
 * canonical form below. The database computes the same form in a trigger (migration
 * AuditHashChain, function `audit_event_hash`); the two must stay byte for byte identical.
 *
 * Canonical form, UTF-8: the line "audit_event v<hashVersion>", then one line per field in this
 * order, `name:<length in bytes>:<value>` or `name:-` when the value is NULL. Version 2 (every
 * event since migration AuditActorName) adds actor_name and actor_role after request_id; version 1
 * events (written before) keep their version-1 hash. The version is stored with each event; a
 * version other than 1 or 2 fails as a hash mismatch. `occurredAt` is UTC to the
 * millisecond ("2026-11-23T10:00:00.123Z"), `changes` the text PostgreSQL prints for the jsonb
 * value (read back as `changes::text`, so no JSON re-serialisation is involved).
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedAuditEvent {
  id: string;
  organisationId: string;
  /** bigint, as a decimal string */
  seq: string;
  prevHash: string;
  hash: string;
  /** 1 or 2: which canonical form `hash` is of. */
  hashVersion: number;
  occurredAt: Date;
  actorId: string | null;
  actorKind: string;
  actorName: string | null;
  actorRole: string | null;
  entityType: string;
  entityId: string;
  action: string;
  /** The jsonb value as PostgreSQL prints it (`changes::text`). */
  changesText: string;
  requestId: string | null;
}

function field(name: string, value: string | null): string {
  return value === null ? `${name}:-\n` : `${name}:${Buffer.byteLength(value, 'utf8')}:${value}\n`;
}

export function canonicalAuditEvent(e: Omit<ChainedAuditEvent, 'hash'>): string {
  const v2 = e.hashVersion === 2;
  return (
    `audit_event v${v2 ? 2 : 1}\n` +
    field('organisation_id', e.organisationId) +
    field('seq', e.seq) +
    field('prev_hash', e.prevHash) +
    field('id', e.id) +
    field('occurred_at', e.occurredAt.toISOString()) +
    field('actor_id', e.actorId) +
    field('actor_kind', e.actorKind) +
    field('entity_type', e.entityType) +
    field('entity_id', e.entityId) +
    field('action', e.action) +
    field('changes', e.changesText) +
    field('request_id', e.requestId) +
    (v2 ? field('actor_name', e.actorName) + field('actor_role', e.actorRole) : '')
  );
}

export function auditEventHash(e: Omit<ChainedAuditEvent, 'hash'>): string {
  return createHash('sha256').update(canonicalAuditEvent(e), 'utf8').digest('hex');
}

/**
 * What is wrong at the first broken link:
 * - `sequence`: the event's number is not the next one (an event before it was deleted, or one inserted);
 * - `previous_hash`: it does not carry the hash of the event before it (that one was rewritten or removed);
 * - `hash`: its stored hash is not the hash of its fields (the event itself was edited);
 * - `time`: it is dated before the event before it (back-dated).
 */
export type ChainProblem = 'sequence' | 'previous_hash' | 'hash' | 'time';

export interface ChainBreak {
  seq: string;
  eventId: string;
  problem: ChainProblem;
  expected: string;
  found: string;
}

export interface ChainHead {
  seq: string;
  eventId: string;
  hash: string;
  occurredAt: Date;
}

/**
 * Walks one organisation's events in `seq` order (fed in batches) and stops at the first broken
 * link. Deleting the newest events leaves a shorter, valid chain: compare `head` with a head
 * recorded earlier (the CLI prints it) to notice that.
 */
export class AuditChainWalker {
  private previous: ChainHead | null = null;
  private checked = 0;
  private broken: ChainBreak | null = null;

  /** Checks the next event; false once the chain is broken (the rest need not be read). */
  next(e: ChainedAuditEvent): boolean {
    if (this.broken) return false;
    this.broken = this.check(e);
    if (this.broken) return false;
    this.checked++;
    this.previous = { seq: e.seq, eventId: e.id, hash: e.hash, occurredAt: e.occurredAt };
    return true;
  }

  private check(e: ChainedAuditEvent): ChainBreak | null {
    const at = (problem: ChainProblem, expected: string, found: string): ChainBreak => ({ seq: e.seq, eventId: e.id, problem, expected, found });
    const expectedSeq = this.previous ? (BigInt(this.previous.seq) + 1n).toString() : '1';
    if (e.seq !== expectedSeq) return at('sequence', expectedSeq, e.seq);
    const expectedPrev = this.previous?.hash ?? GENESIS_HASH;
    if (e.prevHash !== expectedPrev) return at('previous_hash', expectedPrev, e.prevHash);
    const recomputed = auditEventHash(e);
    if (e.hash !== recomputed) return at('hash', recomputed, e.hash);
    if (this.previous && e.occurredAt < this.previous.occurredAt) {
      return at('time', `not before ${this.previous.occurredAt.toISOString()}`, e.occurredAt.toISOString());
    }
    return null;
  }

  get firstBreak(): ChainBreak | null {
    return this.broken;
  }

  /** The last event that verified. */
  get head(): ChainHead | null {
    return this.previous;
  }

  get eventsVerified(): number {
    return this.checked;
  }
}
