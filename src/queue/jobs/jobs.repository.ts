import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The plan a job works in, where its data names a row rather than the plan (a pack job carries
 * packId). Raw SQL on the table: queue/ may not import the packs feature (architecture.spec.ts).
 */
@Injectable()
export class JobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async planOfPack(organisationId: string, packId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ plan_id: string }[]>('SELECT plan_id FROM pack WHERE id::text = $1 AND organisation_id = $2', [packId, organisationId]);
    return rows[0]?.plan_id ?? null;
  }
}
