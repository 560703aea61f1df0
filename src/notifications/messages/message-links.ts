import { planPaths, ROW_PAGE, WEB_PATHS } from '../../web/common/web-paths';

/**
 * Where each e-mail sends people: the pages of the web service (src/web/common/web-paths.ts, the
 * one place the paths are fixed). Every link is absolute (PUBLIC_BASE_URL).
 */
export class MessageLinks {
  constructor(private readonly baseUrl: string) {
    if (!/^https?:\/\//.test(baseUrl)) throw new RangeError('MessageLinks needs an http(s) base URL');
  }

  private url(path: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  /** The action page: where an owner updates progress, milestones and evidence. */
  action(actionId: string): string {
    return this.url(ROW_PAGE.action(actionId));
  }

  /** A milestone on its action's page. */
  milestone(actionId: string, milestoneId: string): string {
    return `${this.action(actionId)}#milestone-${encodeURIComponent(milestoneId)}`;
  }

  /** An evidence item on its action's page (owners: the review page is the board's). */
  evidenceOnAction(actionId: string, evidenceId: string): string {
    return `${this.action(actionId)}#evidence-${encodeURIComponent(evidenceId)}`;
  }

  /** An evidence item's review page (board members and administrators). */
  evidence(evidenceId: string): string {
    return this.url(ROW_PAGE.evidence(evidenceId));
  }

  /** The owner's own actions in one plan. */
  myActions(planId: string): string {
    return this.url(planPaths(planId).myActions);
  }

  /** Evidence waiting for review in one plan. */
  reviewQueue(planId: string): string {
    return this.url(planPaths(planId).evidenceReview);
  }

  /** A plan's actions whose colour is overridden. */
  overrides(planId: string): string {
    return this.url(`${planPaths(planId).actions}?overridden=true`);
  }

  /** A pack's page (board members: check, download, publish). */
  pack(packId: string): string {
    return this.url(ROW_PAGE.pack(packId));
  }

  /** A published report (what scrutiny members read). */
  report(packId: string): string {
    return this.url(ROW_PAGE.report(packId));
  }

  preferences(): string {
    return this.url(WEB_PATHS.emailPreferences);
  }

  /** One-click unsubscribe (GET shows a confirmation page; POST, as RFC 8058 mail clients send, applies it). */
  unsubscribe(token: string): string {
    return this.url(`${WEB_PATHS.unsubscribe}?token=${encodeURIComponent(token)}`);
  }
}
