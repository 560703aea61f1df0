import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RagColoursRepository } from './compute/rag-colours.repository';
import { RagComputeService } from './compute/rag-compute.service';
import { RagFactsRepository } from './compute/rag-facts.repository';
import { RagRollUpService } from './compute/rag-roll-up.service';
import { RagOverrideEntity } from './entities/rag-override.entity';
import { RagPolicyEntity } from './entities/rag-policy.entity';
import { RagSnapshotEntity } from './entities/rag-snapshot.entity';
import { RagPolicyRepository } from './settings/rag-policy.repository';
import { RagPolicyService } from './settings/rag-policy.service';

/**
 * Computing, storing and rolling up colours: shared by the API (RagModule), the worker
 * (RagWorkerModule) and packs. Import this module to use RagComputeService or RagRollUpService.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RagPolicyEntity, RagOverrideEntity, RagSnapshotEntity])],
  providers: [RagFactsRepository, RagComputeService, RagPolicyRepository, RagPolicyService, RagColoursRepository, RagRollUpService],
  exports: [TypeOrmModule, RagComputeService, RagPolicyService, RagPolicyRepository, RagRollUpService, RagFactsRepository],
})
export class RagCoreModule {}
