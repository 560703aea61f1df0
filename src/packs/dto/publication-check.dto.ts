import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

const KINDS = ['name', 'email', 'phone', 'nhs_number', 'postcode'] as const;
const SUSPECT_REASONS = ['after_title', 'not_in_dictionary', 'known_name_left', 'person_like'] as const;

export class PublicationReplacementDto {
  @ApiProperty({ example: 'latest update', description: 'the free-text field the text came from' }) field: string;
  @ApiProperty({ type: String, nullable: true, example: 'A1.2', description: 'the action it belongs to, if any' }) actionReference: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'QS6.1', description: "the record's own reference (a finding)" }) reference?: string | null;
  @ApiProperty({ enum: KINDS }) kind: (typeof KINDS)[number];
  @ApiProperty({ example: 'DI Quayle', description: 'the text removed' }) before: string;
  @ApiProperty({ example: 'the Detective Inspector', description: 'what the pack prints instead' }) after: string;
  @ApiProperty({ example: "title 'DI' with a name" }) reason: string;
}

export class PublicationSuspectDto {
  @ApiProperty({ example: 'latest update' }) field: string;
  @ApiProperty({ type: String, nullable: true, example: 'A1.2' }) actionReference: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reference?: string | null;
  @ApiProperty({ example: 'Tariq', description: 'the word left in the pack that may be a name' }) word: string;
  @ApiProperty({ enum: SUSPECT_REASONS }) reason: (typeof SUSPECT_REASONS)[number];
  @ApiProperty({ example: 'capitalised word that is in no dictionary and no list of known terms' }) explanation: string;
  @ApiProperty({ example: '…completed by Tariq (ICB analyst) and…' }) context: string;
}

export class PublicationCheckDto {
  @ApiProperty({ format: 'uuid' }) packId: string;
  @ApiProperty({ example: 212, description: 'free-text fields screened' }) fieldsChecked: number;
  @ApiProperty({ type: [PublicationReplacementDto], description: 'every replacement made in the pack' }) replacements: PublicationReplacementDto[];
  @ApiProperty({ type: [PublicationSuspectDto], description: 'words left that may be names: a person decides before publishing' }) suspects: PublicationSuspectDto[];
  @ApiProperty({ description: 'publishing needs acknowledgeSuspects: true when suspects are left' }) acknowledgementRequired: boolean;
}

export class PublishPackDto {
  @ApiPropertyOptional({ description: 'required (true) when the publication check lists suspects: you have read them and the pack may be published as it is' })
  @IsOptional()
  @IsBoolean()
  acknowledgeSuspects?: boolean;
}
