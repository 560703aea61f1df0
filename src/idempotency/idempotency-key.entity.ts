import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A client's `Idempotency-Key` on a create, per user: the request it came with (method, path, body
 * hash) and, once the create succeeded, the response it got, replayed for a retry with the same key
 * and body. The unique (user, key) is what stops two concurrent retries from both creating.
 */
@Entity('idempotency_key')
@Index(['userId', 'key'], { unique: true })
@Index(['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  userId: string;

  @Column({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'varchar', length: 500 })
  path: string;

  /** SHA-256 (hex) of the method, path and canonical JSON body. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  /** Null while the first request is still running. */
  @Column({ type: 'smallint', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
