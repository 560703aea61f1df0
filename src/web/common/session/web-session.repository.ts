import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { WebSessionEntity } from './entities/web-session.entity';

/** The only place that queries web sessions. Every method takes "now" from the caller's clock. */
@Injectable()
export class WebSessionRepository {
  constructor(@InjectRepository(WebSessionEntity) private readonly repo: Repository<WebSessionEntity>) {}

  async findLive(sid: string, now: Date): Promise<Record<string, unknown> | null> {
    const row = await this.repo.findOne({ select: { data: true }, where: { sid, expiresAt: MoreThan(now) } });
    return row?.data ?? null;
  }

  async save(sid: string, data: Record<string, unknown>, expiresAt: Date): Promise<void> {
    // The cast: upsert()'s deep-partial typing cannot take a free-form jsonb object.
    await this.repo.upsert({ sid, data, expiresAt } as QueryDeepPartialEntity<WebSessionEntity>, ['sid']);
  }

  async touch(sid: string, expiresAt: Date, now: Date): Promise<void> {
    // Never revives an expired session: a touch after expiry changes nothing.
    await this.repo.update({ sid, expiresAt: MoreThan(now) }, { expiresAt });
  }

  async delete(sid: string): Promise<void> {
    await this.repo.delete({ sid });
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.repo.delete({ expiresAt: LessThanOrEqual(now) })).affected ?? 0;
  }
}
