import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Which storage keys rows still refer to: evidence files, pack files and imported trackers (for the orphan sweeper). */
@Injectable()
export class StoredKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  async referenced(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.dataSource.query<{ key: string }[]>(
      `SELECT storage_key AS key FROM evidence WHERE storage_key = ANY($1)
       UNION SELECT storage_key AS key FROM pack_file WHERE storage_key = ANY($1)
       UNION SELECT storage_key AS key FROM import_run WHERE storage_key = ANY($1)`,
      [keys],
    );
    return new Set(rows.map((r) => r.key));
  }
}
