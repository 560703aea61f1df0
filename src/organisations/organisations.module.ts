import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlansModule } from '../plans/plans.module';
import { UsersModule } from '../users/users.module';
import { OrganisationEntity } from './entities/organisation.entity';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

/** Organisations and their first administrator (made from the command line, the demo and tests; no HTTP API). */
@Module({
  imports: [TypeOrmModule.forFeature([OrganisationEntity]), UsersModule, PlansModule],
  providers: [OrganisationsService, OrganisationsRepository],
  exports: [OrganisationsService, OrganisationsRepository],
})
export class OrganisationsModule {}
