import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { InspectionEntity } from './entities/inspection.entity';
import { RegulatorEntity } from './entities/regulator.entity';
import { InspectionsController } from './inspections.controller';
import { InspectionsRepository } from './inspections.repository';
import { InspectionsService } from './inspections.service';
import { RegulatorsController } from './regulators.controller';
import { RegulatorsRepository } from './regulators.repository';
import { RegulatorsService } from './regulators.service';

/**
 * Regulators and their inspections. Exports the lookups notices and findings check references with,
 * and the regulators (the web's "Add an inspection" offers them, as `GET /regulators` lists them).
 */
@Module({
  imports: [TypeOrmModule.forFeature([RegulatorEntity, InspectionEntity]), DeadlinesModule],
  controllers: [RegulatorsController, InspectionsController],
  providers: [RegulatorsService, RegulatorsRepository, InspectionsService, InspectionsRepository],
  exports: [InspectionsService, RegulatorsService],
})
export class InspectionsModule {}
