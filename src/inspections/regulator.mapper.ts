import { RegulatorDto } from './dto/regulator.dto';
import { RegulatorEntity } from './entities/regulator.entity';
import { findingThemesFor, inspectionKindsFor, regulatorScores, RegulatorRef } from './regulator-scales';

/** The regulator as the scale rules see it. */
export function regulatorRef(r: RegulatorEntity): RegulatorRef {
  return { code: r.code, builtIn: r.organisationId === null, judgementScale: r.judgementScale };
}

export function toRegulatorDto(r: RegulatorEntity): RegulatorDto {
  const ref = regulatorRef(r);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    builtIn: ref.builtIn,
    judgementScale: r.judgementScale,
    inspectionKinds: inspectionKindsFor(ref),
    findingThemes: findingThemesFor(ref),
    scoresFindings: regulatorScores(ref),
  };
}
