import { API_PREFIX, apiPath, JOBS_ROUTE } from './api-paths';

describe('apiPath', () => {
  it.each([
    [['packs', 'p1'], '/api/v1/packs/p1'],
    [[JOBS_ROUTE, 'rag-1'], '/api/v1/jobs/rag-1'],
    [['evidence', 'e1', 'content'], '/api/v1/evidence/e1/content'],
    [[], `/${API_PREFIX}`],
  ])('joins %j under the prefix as %s', (segments, path) => {
    expect(apiPath(...segments)).toBe(path);
  });
});
