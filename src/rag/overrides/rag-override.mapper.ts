import { type CalendarDate, compareDates, formatLongDate } from '../../common/dates/calendar-date';
import type { RagOverrideEntity } from '../entities/rag-override.entity';
import type { RagOverrideDto } from './dto/rag-override.dto';

/** The words the policy shows for an active override (evaluateRag's override reason). */
export function overrideText(reason: string, expiresOn: CalendarDate): string {
  return `Override: ${reason} (until ${formatLongDate(expiresOn)})`;
}

export function toRagOverrideDto(row: RagOverrideEntity, today: CalendarDate): RagOverrideDto {
  return {
    id: row.id,
    actionId: row.actionId,
    colour: row.colour,
    reason: row.reason,
    expiresOn: row.expiresOn,
    text: overrideText(row.reason, row.expiresOn),
    setById: row.setById,
    setAt: row.setAt.toISOString(),
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
    endedById: row.endedById,
    active: row.endedAt === null && compareDates(row.expiresOn, today) >= 0,
  };
}
