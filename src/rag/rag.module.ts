import { Module } from '@nestjs/common';
import { RagActionAccess } from './access/rag-action-access';
import { RagActionsRepository } from './access/rag-actions.repository';
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
  imports: [RagCoreModule],
  controllers: [RagSettingsController, RagOverrideController, RagHistoryController, RagRecomputeController, DashboardController],
  providers: [
    RagActionsRepository,
    RagActionAccess,
    RagSettingsService,
    RagOverrideRepository,
    RagOverrideService,
    RagHistoryRepository,
    RagHistoryService,
    DashboardRepository,
    DashboardService,
  ],
})
export class RagModule {}
