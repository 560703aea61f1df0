import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export type IdempotencyClaim = Pick<IdempotencyKeyEntity, 'userId' | 'key' | 'method' | 'path' | 'requestHash' | 'expiresAt'>;

/** The idempotency_key table: claim a key, record its response, find it, release it, expire old ones. */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectRepository(IdempotencyKeyEntity) private readonly keys: Repository<IdempotencyKeyEntity>) {}

  /**
   * Claims (user, key) for a request; false when it is taken (the unique index decides, so of two
   * concurrent requests with one key exactly one claims it).
   */
  async claim(claim: IdempotencyClaim): Promise<string | null> {
    const result = await this.keys.createQueryBuilder().insert().values(claim).orIgnore().returning(['id']).execute();
    const row = result.raw as { id: string }[];
    return row.length > 0 ? row[0].id : null;
  }

  find(userId: string, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.keys.findOneBy({ userId, key });
  }

  async complete(id: string, responseStatus: number, responseBody: unknown): Promise<void> {
    await this.keys.update({ id }, { responseStatus, responseBody: (responseBody ?? null) as object });
  }

  /** After a failed request: the key is free again, so the client may retry with it. */
  async release(id: string): Promise<void> {
    await this.keys.delete({ id });
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.keys.delete({ expiresAt: LessThan(now) })).affected ?? 0;
  }
}
