import type { PackAudience, PackFormat, PackState } from './entities/pack.entity';

export const PACK_AUDIENCES: readonly PackAudience[] = ['board', 'scrutiny'];
export const PACK_STATES: readonly PackState[] = ['queued', 'generating', 'ready', 'failed'];
/** Also the order files are rendered and listed in. */
export const PACK_FORMAT_LIST: readonly PackFormat[] = ['pdf', 'docx', 'xlsx', 'json'];
