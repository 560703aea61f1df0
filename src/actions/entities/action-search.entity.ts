import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * What text search on a plan's actions reads (`GET /plans/:planId/actions?q=`), one row per action,
 * kept by triggers on action (migration ActionSearchTable): inserted with the action, rewritten when
 * its reference, title, plan or organisation changes, deleted with it (cascade). The application
 * never writes it. Its search indexes live here, not on action, so the rows the RAG recompute
 * rewrites (every colour write is a new row version of action and an entry in each of its indexes)
 * pay nothing for search.
 */
@Entity('action_search')
// `search` ILIKE '%q%' (pg_trgm GIN), two-character searches (GIN of the character pairs) and the
// plan's reference order with the text beside it, so a page of matches is read from the index
// alone: written by hand in the migration (operator classes, an expression, INCLUDE), which
// TypeORM cannot express; it leaves indexes marked synchronize: false alone.
@Index('IDX_action_search_trgm', { synchronize: false })
@Index('IDX_action_search_pairs', { synchronize: false })
@Index('IDX_action_search_plan_order', { synchronize: false })
export class ActionSearchEntity {
  @PrimaryColumn('uuid')
  actionId: string;

  @ManyToOne('ActionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: unknown;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  planId: string;

  /** The action's reference and its sort key (action.reference_sort_key), for the plan's order. */
  @Column({ length: 40 })
  reference: string;

  @Column({ type: 'text', collation: 'C' })
  referenceSortKey: string;

  /**
   * The reference, a line feed and the title: `search ILIKE '%q%'` is exactly "reference or title
   * ILIKE '%q%'" for any q without a line feed (a match cannot span the two).
   */
  @Column('text')
  search: string;
}
