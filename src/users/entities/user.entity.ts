import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { OrgOwnedEntity } from '../../database/org-owned.entity';
import type { OrganisationRole } from '../../common/request-context/request-context';

@Entity('user')
export class UserEntity extends OrgOwnedEntity {
  /** Stored lower-cased; unique across organisations because login names no organisation. */
  @Index({ unique: true })
  @Column({ length: 320 })
  email: string;

  @Column({ length: 200 })
  name: string;

  /** The organisation role (admin, member, chief_officer); plan roles are in plan_membership. */
  @Column({ type: 'varchar', length: 20 })
  role: OrganisationRole;

  /** The user's role or team in words ("Head of Safeguarding"): packs for scrutiny show this, never the name. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  jobTitle: string | null;

  /** Partner agency for owners outside the council, e.g. "Merseyside Police". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  partnerAgency: string | null;

  @Column({ default: true })
  active: boolean;

  @Column({ length: 200, select: false })
  passwordHash: string;

  /**
   * Raised when the password is changed or reset and when the user is reactivated: every bearer
   * token and web session carries the value it was issued with, and one that no longer matches is
   * refused on its next request.
   */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  @VersionColumn()
  version: number;
}
