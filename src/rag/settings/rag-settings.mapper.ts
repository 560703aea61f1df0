import type { RagPolicyDto } from './dto/rag-policy.dto';
import type { CurrentRagPolicy } from './rag-policy.service';

export function toPolicyDto(policy: CurrentRagPolicy): RagPolicyDto {
  return {
    version: policy.version,
    settings: { ...policy.settings, rules: { ...policy.settings.rules } },
    createdAt: policy.createdAt.toISOString(),
    createdById: policy.createdById,
  };
}
