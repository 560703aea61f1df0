import { IsInt, IsOptional, IsString, Max, MetadataStorage, Min, validateSync } from 'class-validator';
import { getMetadataStorage } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsInt()
  @Min(1)
  page = 1;
}

class Query extends Base {
  @IsOptional()
  @IsString()
  q?: string;
}

describe('cacheValidationMetadata', () => {
  const names = (storage: MetadataStorage, target: new () => object) =>
    storage
      .getTargetValidationMetadatas(target, '', false, false)
      .map((m) => `${m.propertyName}:${m.name ?? m.type}`)
      .sort();

  it('answers as class-validator does, own and inherited rules, and once per class', () => {
    const storage = getMetadataStorage();
    const before = { base: names(storage, Base), query: names(storage, Query) };
    cacheValidationMetadata();
    expect(names(storage, Base)).toEqual(before.base);
    expect(names(storage, Query)).toEqual(before.query);
    expect(before.query).toEqual(expect.arrayContaining(['page:min', 'q:isString']));
    expect(storage.getTargetValidationMetadatas(Query, '', false, false)).toBe(storage.getTargetValidationMetadatas(Query, '', false, false));
  });

  it('still validates: errors name the field and the rule', () => {
    cacheValidationMetadata();
    const bad = Object.assign(new Query(), { page: 0, q: 5 });
    const errors = validateSync(bad);
    expect(errors.map((e) => [e.property, Object.keys(e.constraints ?? {})])).toEqual([
      ['q', ['isString']],
      ['page', ['min']],
    ]);
    expect(validateSync(Object.assign(new Query(), { page: 2, q: 'x' }))).toEqual([]);
  });

  it('forgets its answers when a rule is added (a class declared later, or a new rule on a parent)', () => {
    cacheValidationMetadata();
    expect(validateSync(Object.assign(new Query(), { page: 500 }))).toEqual([]);
    // A rule added to the parent after the first validation applies to the child at once.
    Max(100)(Base.prototype, 'page');
    expect(validateSync(Object.assign(new Query(), { page: 500 })).map((e) => Object.keys(e.constraints ?? {}))).toEqual([['max']]);
  });
});
