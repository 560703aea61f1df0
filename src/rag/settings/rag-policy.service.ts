import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { type CalendarDate } from '../../common/dates/calendar-date';
import { endOfLondonDay } from '../policy/end-of-day';
import { DEFAULT_RAG_POLICY, type RagPolicySettings } from '../policy/rag-policy.types';
import { mergeWithDefaults, validateRagPolicySettings } from '../policy/rag-policy.schema';
import type { RagPolicyEntity } from '../entities/rag-policy.entity';
import { RagPolicyRepository } from './rag-policy.repository';

export interface CurrentRagPolicy {
  version: number;
  settings: RagPolicySettings;
  createdAt: Date;
  /** Null for version 1, which is the defaults, stored by the system. */
  createdById: string | null;
}

/**
 * A plan's current RAG policy (each plan has its own versions). Version 1 is DEFAULT_RAG_POLICY, stored lazily the first
 * time anything needs the policy (a recompute, a read of the settings, a change), so what
 * "version 1" meant is pinned in the database even if the defaults in code change later.
 */
@Injectable()
export class RagPolicyService {
  constructor(private readonly policies: RagPolicyRepository) {}

  /**
   * The version in force on a London calendar date: the newest recorded by the end of that day
   * (so a recompute of a past date uses what that day's nightly run used).
   */
  async inForceOn(organisationId: string, planId: string, asOf: CalendarDate): Promise<CurrentRagPolicy> {
    const row = await this.policies.inForceAt(organisationId, planId, endOfLondonDay(asOf));
    return row ? toCurrent(row) : this.current(organisationId, planId);
  }

  async current(organisationId: string, planId: string, manager?: EntityManager): Promise<CurrentRagPolicy> {
    let row = await this.policies.latest(organisationId, planId, manager);
    if (!row) {
      await this.policies.insertFirstIfMissing(organisationId, planId, { ...DEFAULT_RAG_POLICY, rules: { ...DEFAULT_RAG_POLICY.rules } }, manager);
      row = await this.policies.latest(organisationId, planId, manager);
      if (!row) throw new Error(`RAG policy of plan ${planId} (organisation ${organisationId}) could not be stored`);
    }
    return toCurrent(row);
  }
}

/**
 * Settings read back from storage are completed from the defaults (a setting added in a later
 * release is absent from older rows) and checked, so a damaged row fails loudly, not quietly.
 */
export function toCurrent(row: RagPolicyEntity): CurrentRagPolicy {
  const checked = validateRagPolicySettings(mergeWithDefaults(row.settings));
  if (!checked.ok) {
    throw new Error(`stored RAG policy version ${row.version} is invalid: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  }
  return { version: row.version, settings: checked.value, createdAt: row.createdAt, createdById: row.createdById };
}
