import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { NOTIFICATION_KINDS, NOTIFICATION_MODES, type NotificationAudience, type NotificationKind, type NotificationMode, type UnsubscribeScope } from '../notification-kinds';

/** One kind of e-mail as the preferences page shows it. */
export class NotificationPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ example: 'reminders 14, 7 and 1 days before a due date' }) label: string;
  @ApiProperty({ enum: ['owner', 'board', 'scrutiny'], description: 'who the kind is for, by plan role' }) audience: NotificationAudience;
  @ApiProperty({ enum: NOTIFICATION_MODES, description: 'the mode in force (the default when never chosen)' }) mode: NotificationMode;
  @ApiProperty({ enum: NOTIFICATION_MODES, isArray: true, description: 'the modes this kind allows' }) modes: NotificationMode[];
  @ApiProperty({ description: 'cannot be switched off (e.g. evidence rejected)' }) mandatory: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto] }) items: NotificationPreferenceDto[];
}

export class UpdateNotificationPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_MODES, description: 'immediate, weekly_digest (owner kinds only) or off (not for mandatory kinds)' })
  @IsIn(NOTIFICATION_MODES)
  mode: NotificationMode;
}

export class UnsubscribeQueryDto {
  @ApiPropertyOptional({ description: 'the signed token from the link in the e-mail', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  token?: string;
}

export class UnsubscribeResultDto {
  @ApiProperty({ enum: [...NOTIFICATION_KINDS, 'weekly_digest'], description: 'what the link switches off' }) scope: UnsubscribeScope;
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'the kinds switched off by this click (empty when they already were)' })
  switchedOff: NotificationKind[];
}
