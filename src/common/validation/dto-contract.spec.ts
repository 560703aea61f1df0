import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { getMetadataArgsStorage } from 'typeorm';
// Loads every controller, DTO and entity, so their decorators have registered their metadata.
import '../../app.module';
import { INT4_MAX, INT4_MIN } from './int-range';
import { acceptsNull } from './null-policy';

interface ValidationMeta {
  name?: string;
  type: string;
  propertyName: string;
  constraints?: unknown[];
}

const validationByClass = (getMetadataStorage() as unknown as { validationMetadatas: Map<Type, ValidationMeta[]> }).validationMetadatas;

function properties(): { dto: Type; property: string; rules: ValidationMeta[] }[] {
  const out: { dto: Type; property: string; rules: ValidationMeta[] }[] = [];
  for (const [dto, metas] of validationByClass) {
    const byProperty = new Map<string, ValidationMeta[]>();
    for (const m of metas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    for (const [property, rules] of byProperty) out.push({ dto, property, rules });
  }
  return out;
}

/**
 * The request DTOs' rules, checked against what the database can hold, so a new field cannot bring
 * back the 500s of issue 11 (an integer beyond int4, a null into a NOT NULL column).
 */
describe('request DTOs against the database', () => {
  it('finds the DTOs (the scan is not vacuous)', () => {
    expect(properties().length).toBeGreaterThan(100);
  });

  it('every integer field has a minimum and a maximum within PostgreSQL integer (int4)', () => {
    const unbounded = properties()
      .filter(({ rules }) => rules.some((r) => r.name === 'isInt' || r.name === 'isNumber'))
      .filter(({ rules }) => {
        const min = rules.find((r) => r.name === 'min')?.constraints?.[0];
        const max = rules.find((r) => r.name === 'max')?.constraints?.[0];
        return typeof min !== 'number' || typeof max !== 'number' || min < INT4_MIN || max > INT4_MAX;
      })
      .map(({ dto, property }) => `${dto.name}.${property}`);
    expect(unbounded).toEqual([]);
  });

  /** Fields where an explicit null means "back to the rule", handled by the service, never written as NULL. */
  const NULL_RESETS_TO_RULE = new Set(['UpdateMeetingDto.papersDeadline']);

  it('a field documented nullable maps to a nullable column (Create/Update<X>Dto against <X>Entity)', () => {
    const columns = getMetadataArgsStorage().columns;
    let checked = 0;
    const wrong: string[] = [];
    for (const { dto, property } of properties()) {
      const entityName = /^(?:Create|Update)(\w+)Dto$/.exec(dto.name)?.[1];
      if (!entityName || !acceptsNull(dto, property) || NULL_RESETS_TO_RULE.has(`${dto.name}.${property}`)) continue;
      const column = columns.find((c) => typeof c.target === 'function' && c.target.name === `${entityName}Entity` && c.propertyName === property);
      if (!column) continue;
      checked++;
      if (column.options.nullable !== true) wrong.push(`${dto.name}.${property}`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });
});
