import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { DashboardService } from './dashboard/dashboard.service';
import { RagHistoryController } from './history/rag-history.controller';
import { RagHistoryRepository } from './history/rag-history.repository';
import { RagHistoryService } from './history/rag-history.service';
import { RagRecomputeController } from './jobs/rag-recompute.controller';
import { RagOverrideController } from './overrides/rag-override.controller';
import { RagOverrideRepository } from './overrides/rag-override.repository';
import { RagOverrideService } from './overrides/rag-override.service';
import { RagCoreModule } from './rag-core.module';
import { RagSettingsController } from './settings/rag-settings.controller';
import { RagSettingsService } from './settings/rag-settings.service';

/**
 * Rag: HTTP API side. Settings (/settings/rag), overrides (/actions/:id/rag-override), history
 * (/actions/:id/rag-history), on-demand recompute (/rag/recompute) and the dashboard (/dashboard).
 * Computing happens in the worker.
 */
@Module({
  // ActionsModule: overrides and history load the action for the access policy through its repository.
  imports: [RagCoreModule, ActionsModule],
  controllers: [RagSettingsController, RagOverrideController, RagHistoryController, RagRecomputeController, DashboardController],
  providers: [
    RagSettingsService,
    RagOverrideRepository,
    RagOverrideService,
    RagHistoryRepository,
    RagHistoryService,
    DashboardRepository,
    DashboardService,
  ],
  // The web pages show and change what the API's services compute: the dashboard, overrides and
  // history (web dashboard and action pages), the RAG policy (plan settings).
  exports: [DashboardService, RagOverrideService, RagHistoryService, RagSettingsService],
})
export class RagModule {}
