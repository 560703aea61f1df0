import type { AuthUser } from '../../common/request-context/request-context';
import { RegulatorQueryDto } from '../../inspections/dto/regulator.dto';
import type { RegulatorsService } from '../../inspections/regulators.service';
import { allPages } from '../common/all-pages';
import type { NewInspectionChoices } from './add-inspection.view-model';

/** What the add and change forms of an inspection offer: every regulator the organisation can use (`GET /regulators`). */
export async function inspectionChoices(regulators: RegulatorsService, user: AuthUser): Promise<NewInspectionChoices> {
  return { regulators: await allPages(() => new RegulatorQueryDto(), (q) => regulators.list(user, q)) };
}
