import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { JobAcceptedDto } from '../../queue/jobs/dto/job.dto';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AppException, type FieldProblem } from '../../common/errors/app.exception';
import type { AuthUser } from '../../common/request-context/request-context';
import type { RagPolicySettings } from '../policy/rag-policy.types';
import { mergeWithDefaults, type RagPolicyFieldError, validateRagPolicySettings } from '../policy/rag-policy.schema';
import type { RagPolicyChangeDto, RagPolicyDto } from './dto/rag-policy.dto';
import { RagTriggerService } from '../rag-trigger.service';
import { RagPolicyRepository } from './rag-policy.repository';
import { RagPolicyService, toCurrent } from './rag-policy.service';
import { toPolicyDto } from './rag-settings.mapper';
import { CommonErrorCode } from '../../common/errors/error-code';
import { assertRagPolicyEditor } from '../../common/auth/access-policy';

/** The policy's own validation errors as the API's 400: every field named, like the ValidationPipe's. */
export function settingsValidationError(errors: readonly RagPolicyFieldError[]): AppException {
  const details: FieldProblem[] = [];
  for (const { field, message } of errors) {
    const existing = details.find((d) => d.field === field);
    if (existing) existing.messages.push(message);
    else details.push({ field, messages: [message] });
  }
  const message = details.map((d) => `${d.field}: ${d.messages.join(', ')}`).join('; ');
  return new AppException(HttpStatus.BAD_REQUEST, CommonErrorCode.ValidationFailed, message, details);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameSettings(a: RagPolicySettings, b: RagPolicySettings): boolean {
  const canonical = (s: RagPolicySettings) =>
    JSON.stringify([s.redAfterDays, s.staleAfterDays, s.progressAmberPoints, s.progressRedPoints, Object.entries(s.rules).sort()]);
  return canonical(a) === canonical(b);
}

/**
 * Reading and changing a plan's RAG settings. Each change is a new version (rows are
 * never edited), audited, and followed by a recompute of every action of the plan with the new version.
 */
@Injectable()
export class RagSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: RagPolicyService,
    private readonly repository: RagPolicyRepository,
    private readonly audit: AuditService,
    private readonly jobs: RagTriggerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The plan's policy (the controller has checked the user reads the plan). */
  async get(user: AuthUser, planId: string): Promise<RagPolicyDto> {
    return toPolicyDto(await this.policies.current(user.organisationId, planId));
  }

  /** Every version of the plan's policy, newest first (the web settings page's history). */
  async versions(user: AuthUser, planId: string): Promise<RagPolicyDto[]> {
    await this.policies.current(user.organisationId, planId);
    return (await this.repository.versions(user.organisationId, planId)).map((row) => toPolicyDto(toCurrent(row)));
  }

  /** A new version of the plan's policy: an administrator, while the plan is open (RAG_POLICY_EDITORS). */
  async update(user: AuthUser, planId: string, body: unknown): Promise<RagPolicyChangeDto> {
    assertRagPolicyEditor(user, { organisationId: user.organisationId, planId });
    if (!isPlainObject(body)) throw settingsValidationError([{ field: 'settings', message: 'must be an object' }]);
    const { version, ...patch } = body;
    if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 1)) {
      throw AppException.invalidField('version', 'must be a whole number of at least 1');
    }

    const outcome = await this.dataSource.transaction(async (manager) => {
      await this.repository.lockPlan(manager, planId);
      const current = await this.policies.current(user.organisationId, planId, manager);
      if (version !== undefined && version !== current.version) throw AppException.staleVersion('RAG policy', current.version);

      // Settings left out keep their current values; unknown ones are passed on so validation names them.
      const checked = validateRagPolicySettings(mergeWithDefaults(patch, current.settings));
      if (!checked.ok) throw settingsValidationError(checked.errors);
      if (sameSettings(checked.value, current.settings)) return { policy: current, changed: false, recompute: null };

      const row = await this.repository.insert(manager, {
        organisationId: user.organisationId,
        planId,
        version: current.version + 1,
        settings: checked.value,
        createdById: user.id,
        // In force from now: a recompute of an earlier date keeps using the version before.
        effectiveFrom: this.clock.now(),
      });
      await this.audit.record(manager, {
        entityType: 'rag_policy',
        entityId: row.id,
        planId,
        action: 'update',
        before: { policyVersion: current.version, ...current.settings },
        after: { policyVersion: row.version, ...checked.value },
      });
      // Recorded with the new version, so no crash between the commit and the queueing loses it.
      const recompute = await this.jobs.recordPlan(manager, user.organisationId, planId, user.id);
      return { policy: toCurrent(row), changed: true, recompute };
    });

    // Queued after the commit, so the worker reads the new version. The new version is saved whatever
    // Redis does: with the queue unreachable the answer still says so (200, recompute null, as a
    // retry would say nothing changed), and the recompute stays recorded for the worker's reconciler,
    // which queues it once Redis answers (RagTriggerService.planChanged).
    const recompute: JobAcceptedDto | null = outcome.recompute ? await this.jobs.planChanged(outcome.recompute) : null;
    return { ...toPolicyDto(outcome.policy), changed: outcome.changed, recompute };
  }
}
