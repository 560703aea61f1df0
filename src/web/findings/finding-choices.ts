import type { AuthUser } from '../../common/request-context/request-context';
import { InspectionQueryDto } from '../../inspections/dto/inspection.dto';
import { RegulatorQueryDto } from '../../inspections/dto/regulator.dto';
import type { InspectionsService } from '../../inspections/inspections.service';
import type { RegulatorsService } from '../../inspections/regulators.service';
import { NoticeQueryDto } from '../../notices/dto/notice.dto';
import type { NoticesService } from '../../notices/notices.service';
import { allPages } from '../common/all-pages';
import type { NewFindingChoices } from './add-finding.view-model';

/** What a finding's form offers (the add and change pages alike): the plan's inspections, the regulators and the plan's notices, read side by side. */
export async function findingChoices(
  services: { inspections: InspectionsService; regulators: RegulatorsService; notices: NoticesService },
  user: AuthUser,
  planId: string,
): Promise<NewFindingChoices> {
  const [inspections, regulators, notices] = await Promise.all([
    allPages(() => new InspectionQueryDto(), (q) => services.inspections.list(user, planId, q)),
    allPages(() => new RegulatorQueryDto(), (q) => services.regulators.list(user, q)),
    allPages(() => new NoticeQueryDto(), (q) => services.notices.list(user, planId, q)),
  ]);
  return { inspections, regulators, notices };
}
