import { Injectable } from '@nestjs/common';
import { ActionsRepository } from '../../actions/actions.repository';
import { assertCanSeeRagHistory, requireVisibleAction } from '../../common/auth/access-policy';
import { toPage } from '../../common/pagination/page.dto';
import type { AuthUser } from '../../common/request-context/request-context';
import type { RagHistoryPageDto, RagHistoryQueryDto } from './dto/rag-history.dto';
import { toRagSnapshotDto } from './rag-history.mapper';
import { RagHistoryRepository } from './rag-history.repository';

@Injectable()
export class RagHistoryService {
  constructor(
    private readonly actions: ActionsRepository,
    private readonly history: RagHistoryRepository,
  ) {}

  async list(user: AuthUser, actionId: string, query: RagHistoryQueryDto): Promise<RagHistoryPageDto> {
    const action = await this.actions.findAccessScope(user.organisationId, actionId);
    assertCanSeeRagHistory(user, requireVisibleAction(user, actionId, action));
    const [rows, total] = await this.history.findPage(user.organisationId, actionId, query.skip, query.pageSize);
    const overrides = await this.history.overridesShown(user.organisationId, rows);
    return toPage(
      rows.map((row) => toRagSnapshotDto(row, overrides)),
      total,
      query,
    );
  }
}
