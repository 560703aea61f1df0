import { Column, Entity, Index } from 'typeorm';
import { PlanOwnedEntity } from '../../database/plan-owned.entity';
import type { ActionStatus } from '../../vocabulary/action-status';

/** The mapping a plan's last committed import used: offered again for the next file. */
@Entity('import_mapping')
@Index(['organisationId', 'planId'], { unique: true })
export class ImportMappingEntity extends PlanOwnedEntity {
  /** A ColumnMapping (src/imports/mapping/column-mapping.ts). */
  @Column({ type: 'jsonb' })
  mapping: unknown;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  statusWords: Record<string, ActionStatus>;

  /** Owner text as written -> user id (null: leave to the importer). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  ownerMatches: Record<string, string | null>;

  @Column('uuid')
  updatedById: string;
}
