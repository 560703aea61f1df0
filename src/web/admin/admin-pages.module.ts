import { Module } from '@nestjs/common';
import { PlansModule } from '../../plans/plans.module';
import { RagModule } from '../../rag/rag.module';
import { UsersModule } from '../../users/users.module';
import { AdminUsersController } from './admin-users.controller';
import { PlanSettingsController } from './plan-settings.controller';

/**
 * Web pages: Administration: users, plan settings (RAG policy and its history), report wording.
 * Controllers use `@WebController()`; templates live in `views/admin/`.
 */
@Module({
  imports: [UsersModule, PlansModule, RagModule],
  controllers: [AdminUsersController, PlanSettingsController],
  providers: [],
})
export class AdminPagesModule {}
