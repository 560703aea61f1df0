import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { PlanMembershipEntity } from './entities/plan-membership.entity';
import { PlanEntity } from './entities/plan.entity';
import { OrganisationOverviewController, PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

/** Improvement plans of an organisation and the roles people hold in them. */
@Module({
  imports: [TypeOrmModule.forFeature([PlanEntity, PlanMembershipEntity]), UsersModule],
  controllers: [PlansController, OrganisationOverviewController],
  providers: [PlansService, PlansRepository],
  exports: [PlansService, PlansRepository],
})
export class PlansModule {}
