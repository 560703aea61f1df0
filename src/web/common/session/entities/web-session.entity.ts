import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed-in (or about to sign in) browser's server-side session. The cookie holds only the
 * signed id; what the session knows (who, since when, its CSRF token) stays here, so ending a
 * session is deleting a row. Made by a migration, never by the store.
 */
@Entity('web_session')
export class WebSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sid: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  /** Idle expiry (pushed back on each request), never later than the absolute lifetime. */
  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
