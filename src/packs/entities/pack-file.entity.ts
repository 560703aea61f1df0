import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PackFormat } from '../../vocabulary/pack-format';

@Entity('pack_file')
@Index(['packId', 'format'], { unique: true })
export class PackFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  packId: string;

  @ManyToOne('PackEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pack_id' })
  pack?: unknown;

  @Column({ type: 'varchar', length: 10 })
  format: PackFormat;

  @Column({ length: 200 })
  storageKey: string;

  @Column({ length: 120 })
  contentType: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  @Column({ length: 64 })
  sha256: string;
}
