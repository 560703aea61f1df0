import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AppException } from '../errors/app.exception';

interface Versioned extends ObjectLiteral {
  id: string;
  organisationId: string;
  version: number;
}

/**
 * Optimistic locking in one statement: `UPDATE ... WHERE id, organisation and version match`.
 * No row changed means either the row is not ours (404) or someone else saved first (409 with
 * the current version), so two board members never silently overwrite each other.
 * Returns the row as it now is.
 */
export async function updateWithVersion<T extends Versioned>(
  manager: EntityManager,
  target: EntityTarget<T>,
  label: string,
  key: { id: string; organisationId: string },
  expectedVersion: number,
  changes: QueryDeepPartialEntity<T>,
): Promise<T> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set(changes)
    .where('id = :id AND organisation_id = :organisationId AND version = :expectedVersion', { ...key, expectedVersion })
    .execute();
  const current = await manager.getRepository(target).findOne({ where: key as never });
  if (!current) throw AppException.notFound(label, key.id);
  if (!result.affected) throw AppException.staleVersion(label, current.version);
  return current;
}
