/**
 * Where each e-mail sends people: the pages of the web service. One place, so when the web pages
 * land (src/web) only these paths change. Every link is absolute (PUBLIC_BASE_URL).
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
    return this.url(`/actions/${encodeURIComponent(actionId)}`);
  }

  /** A milestone on its action's page. */
  milestone(actionId: string, milestoneId: string): string {
    return `${this.action(actionId)}#milestone-${encodeURIComponent(milestoneId)}`;
  }

  evidence(evidenceId: string): string {
    return this.url(`/evidence/${encodeURIComponent(evidenceId)}`);
  }

  /** The owner's own actions. */
  myActions(): string {
    return this.url('/actions?owner=me');
  }

  /** Evidence waiting for this board member's review. */
  reviewQueue(): string {
    return this.url('/evidence?reviewState=submitted');
  }

  /** Actions whose colour is overridden. */
  overrides(): string {
    return this.url('/actions?overridden=true');
  }

  pack(packId: string): string {
    return this.url(`/packs/${encodeURIComponent(packId)}`);
  }

  preferences(): string {
    return this.url('/notifications/preferences');
  }

  /** One-click unsubscribe (GET shows a confirmation page; POST, as RFC 8058 mail clients send, applies it). */
  unsubscribe(token: string): string {
    return this.url(`/notifications/unsubscribe?token=${encodeURIComponent(token)}`);
  }
}
