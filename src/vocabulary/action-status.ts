/** Where an action stands. Complete means done; embedded means a later effectiveness check confirmed it is sustained. */
export type ActionStatus = 'not_started' | 'in_progress' | 'blocked' | 'complete' | 'embedded';

export interface ActionStatusInfo {
  key: ActionStatus;
  label: string;
  description: string;
  /** Complete or embedded: the work is done (an embedded action was complete first). */
  done: boolean;
}

export const ACTION_STATUS_INFO: Readonly<Record<ActionStatus, ActionStatusInfo>> = Object.freeze({
  not_started: { key: 'not_started', label: 'Not started', description: 'work has not begun', done: false },
  in_progress: { key: 'in_progress', label: 'In progress', description: 'work is under way', done: false },
  blocked: { key: 'blocked', label: 'Blocked', description: 'work cannot go on until something outside the action changes', done: false },
  complete: { key: 'complete', label: 'Complete', description: 'the work is done; an effectiveness check follows', done: true },
  embedded: { key: 'embedded', label: 'Embedded', description: 'a later effectiveness check confirmed the change is sustained', done: true },
});

export const ACTION_STATUSES: readonly ActionStatus[] = Object.freeze(Object.keys(ACTION_STATUS_INFO) as ActionStatus[]);

/** Complete or embedded. */
export function isDoneStatus(status: ActionStatus): boolean {
  return ACTION_STATUS_INFO[status].done;
}
