/** An improvement plan is worked on while active; closing it freezes it (read-only, packs still downloadable). */
export type PlanStatus = 'active' | 'closed';

export interface PlanStatusInfo {
  key: PlanStatus;
  label: string;
}

export const PLAN_STATUS_INFO: Readonly<Record<PlanStatus, PlanStatusInfo>> = Object.freeze({
  active: { key: 'active', label: 'Active' },
  closed: { key: 'closed', label: 'Closed' },
});

export const PLAN_STATUSES: readonly PlanStatus[] = Object.freeze(Object.keys(PLAN_STATUS_INFO) as PlanStatus[]);
