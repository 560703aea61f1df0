import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { updateWithVersion } from '../common/persistence/versioned-update';
import { UserQueryDto } from './dto/user.dto';
import { UserEntity } from './entities/user.entity';

/** The columns a new user is written with. */
export type NewUser = Pick<UserEntity, 'organisationId' | 'email' | 'name' | 'role' | 'jobTitle' | 'partnerAgency' | 'active' | 'passwordHash'>;

/** The columns a change sets (only those given). */
export type UserChanges = QueryDeepPartialEntity<UserEntity>;

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  findInOrg(organisationId: string, id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return (manager?.getRepository(UserEntity) ?? this.repo).findOne({ where: { id, organisationId } });
  }

  insert(manager: EntityManager, row: NewUser): Promise<UserEntity> {
    const repo = manager.getRepository(UserEntity);
    return repo.save(repo.create(row));
  }

  /** Optimistic locking (`updateWithVersion`): the row as it now is; 404, or 409 stale_version when someone saved first. */
  updateVersioned(manager: EntityManager, key: { id: string; organisationId: string }, expectedVersion: number, changes: UserChanges): Promise<UserEntity> {
    return updateWithVersion(manager, UserEntity, 'User', key, expectedVersion, changes);
  }

  findActiveById(id: string): Promise<UserEntity | null> {
    return this.repo.findOne({ where: { id, active: true } });
  }

  /** With the password hash, for login only. */
  findForLogin(email: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
  }

  /** With the password hash, to check a user's current password before changing it. */
  findInOrgWithPasswordHash(organisationId: string, id: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id AND u.organisationId = :organisationId', { id, organisationId })
      .getOne();
  }

  /** A new password hash and a new token version in one statement: every older token and session ends. */
  async setPassword(manager: EntityManager, organisationId: string, id: string, passwordHash: string): Promise<UserEntity | null> {
    await manager
      .createQueryBuilder()
      .update(UserEntity)
      .set({ passwordHash, tokenVersion: () => 'token_version + 1', version: () => 'version + 1' })
      .where('id = :id AND organisation_id = :organisationId', { id, organisationId })
      .execute();
    return this.findInOrg(organisationId, id, manager);
  }

  emailTaken(email: string, manager?: EntityManager): Promise<boolean> {
    return (manager?.getRepository(UserEntity) ?? this.repo).exists({ where: { email } });
  }

  findPage(organisationId: string, q: UserQueryDto): Promise<[UserEntity[], number]> {
    const qb = this.repo.createQueryBuilder('u').where('u.organisationId = :organisationId', { organisationId });
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.active !== undefined) qb.andWhere('u.active = :active', { active: q.active });
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('u.name ILIKE :like', { like }).orWhere('u.email ILIKE :like', { like })));
    }
    return qb.orderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC').skip(q.skip).take(q.pageSize).getManyAndCount();
  }
}
