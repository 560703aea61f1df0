import 'reflect-metadata';
import { ActionQueryDto } from '../../actions/dto/action-query.dto';
import { AppException } from '../errors/app.exception';
import { PAGE_ONLY_QUERIES } from '../pagination/page.dto';
import { createValidationPipe } from './validation.pipe';

/** A query as Express parses it (node:querystring: an object without a prototype). */
const query = (fields: Record<string, unknown>) => Object.assign(Object.create(null) as object, fields);

/** The pipe's answer: the DTO (its class, own properties in order and values) or the error's status and body. */
async function answer(value: unknown, slow: boolean): Promise<unknown> {
  if (slow) PAGE_ONLY_QUERIES.delete(ActionQueryDto);
  try {
    const dto = await createValidationPipe().transform(value, { type: 'query', metatype: ActionQueryDto, data: undefined });
    return { cls: (dto as object).constructor.name, keys: Object.getOwnPropertyNames(dto), entries: Object.entries(dto as object), skip: (dto as ActionQueryDto).skip };
  } catch (e) {
    const err = e as AppException;
    return { error: err.constructor.name, status: err.status, code: err.code, message: err.message, details: err.details };
  } finally {
    PAGE_ONLY_QUERIES.add(ActionQueryDto);
  }
}

describe("the validation pipe's fast path for page-only list queries", () => {
  const cases: Record<string, unknown>[] = [
    {},
    { pageSize: '50' },
    { page: '2' },
    { page: '2', pageSize: '50' },
    { pageSize: '50', page: '3' },
    { pageSize: '200' },
    { pageSize: '201' },
    { pageSize: '0' },
    { page: '0' },
    { page: '-1' },
    { page: '1.5' },
    { page: '999999' },
    { page: '2147483647' },
    { page: '2147483648' },
    { pageSize: '050' },
    { pageSize: ' 50' },
    { pageSize: '5e1' },
    { pageSize: '' },
    { pageSize: 'x' },
    { pageSize: ['10', '20'] },
    { page: '1', sort: '-reference' },
    { pageSize: '50', status: 'blocked' },
    { pageSize: '50', unknown: '1' },
    JSON.parse('{"__proto__":"1","pageSize":"5"}') as Record<string, unknown>,
  ];

  it.each(cases.map((c) => [JSON.stringify(c), c]))('answers %s as class-transformer and class-validator do', async (_, fields) => {
    const fast = await answer(query(fields), false);
    const slow = await answer(query(fields), true);
    expect(fast).toEqual(slow);
  });

  it('is taken for page and pageSize alone (the answer is not the value passed)', async () => {
    const value = query({ pageSize: '50' });
    const dto = await createValidationPipe().transform(value, { type: 'query', metatype: ActionQueryDto, data: undefined });
    expect(dto).toBeInstanceOf(ActionQueryDto);
    expect(dto).toMatchObject({ page: 1, pageSize: 50 });
  });
});
