import { WorkstreamDto } from './dto/workstream.dto';
import { WorkstreamEntity } from './entities/workstream.entity';

export function toWorkstreamDto(w: WorkstreamEntity): WorkstreamDto {
  return {
    id: w.id,
    code: w.code,
    title: w.title,
    description: w.description,
    leadRole: w.leadRole,
    sortOrder: w.sortOrder,
    version: w.version,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}
