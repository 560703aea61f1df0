import type { AuthUser } from '../../common/request-context/request-context';
import type { PlansService } from '../../plans/plans.service';
import { addPageContext } from './managed-plan-context';

const user = (closed: boolean): AuthUser => ({
  id: 'board-1',
  role: 'member',
  organisationId: 'org',
  email: 'board-1@x.gov.uk',
  name: 'Board member',
  plans: { p1: { role: 'board', closed } },
});

describe('addPageContext (the plan in the path of an "add" page)', () => {
  const reads: string[] = [];
  const plans = { get: jest.fn(async (_u: AuthUser, id: string) => (reads.push(`plan ${id}`), { id, title: 'The plan title' })) } as unknown as PlansService;
  const choices = jest.fn(async () => (reads.push('choices'), ['w1']));

  beforeEach(() => {
    reads.length = 0;
    jest.clearAllMocks();
  });

  it('reads the plan, then what the form offers, and names the user’s role in the plan', async () => {
    const result = await addPageContext(plans, user(false), 'p1', choices);
    expect(result).toEqual({ ctx: { plan: { id: 'p1', title: 'The plan title' }, role: 'board' }, choices: ['w1'] });
    expect(reads).toEqual(['plan p1', 'choices']);
  });

  it('refuses a closed plan (409) before reading anything', async () => {
    await expect(addPageContext(plans, user(true), 'p1', choices)).rejects.toMatchObject({ status: 409 });
    expect(reads).toEqual([]);
    expect(choices).not.toHaveBeenCalled();
  });

  it('answers with the plan’s refusal (a plan the user may not read: 404)', async () => {
    const notFound = Object.assign(new Error('Plan p2 not found'), { status: 404 });
    const refusing = { get: jest.fn(async () => Promise.reject(notFound)) } as unknown as PlansService;
    await expect(addPageContext(refusing, user(false), 'p2', choices)).rejects.toBe(notFound);
  });
});
