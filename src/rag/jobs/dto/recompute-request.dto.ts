import { IsOptional } from 'class-validator';
import { OptionalCalendarDateProperty } from '../../../common/validation/is-calendar-date';

export class RecomputeRequestDto {
  @IsOptional()
  @OptionalCalendarDateProperty('reporting date to recompute (London); today when omitted. Only today updates the actions\' current colours; another date writes that date\'s snapshots', '2026-11-30')
  asOf?: string;
}
