import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RagColoursRepository } from './compute/rag-colours.repository';
import { RagComputeService } from './compute/rag-compute.service';
import { RagFactsRepository } from './compute/rag-facts.repository';
import { RagRollUpService } from './compute/rag-roll-up.service';
import { RagOverrideEntity } from './entities/rag-override.entity';
import { RagPolicyEntity } from './entities/rag-policy.entity';
import { RagSnapshotEntity } from './entities/rag-snapshot.entity';
import { RagHistoryCheckService } from './history/rag-history-check.service';
import { RagPolicyRepository } from './settings/rag-policy.repository';
import { RagPolicyService } from './settings/rag-policy.service';

/**
 * Computing, storing and rolling up colours: shared by the API (RagModule), the worker
 * (RagWorkerModule) and packs. Import this module to use RagComputeService or RagRollUpService
 * (or, as the CLI does, RagHistoryCheckService).
 */
@Module({
  imports: [TypeOrmModule.forFeature([RagPolicyEntity, RagOverrideEntity, RagSnapshotEntity])],
  providers: [RagFactsRepository, RagComputeService, RagPolicyRepository, RagPolicyService, RagColoursRepository, RagRollUpService, RagHistoryCheckService],
  exports: [TypeOrmModule, RagComputeService, RagPolicyService, RagPolicyRepository, RagRollUpService, RagFactsRepository, RagHistoryCheckService],
})
export class RagCoreModule {}
