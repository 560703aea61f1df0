import { webErrorResponse } from './web-error-page';

describe('webErrorResponse', () => {
  it.each([
    [401, 'sign_in_required', 'GET', '/account', { kind: 'redirect', url: '/sign-in?returnTo=%2Faccount' }],
    [401, 'sign_in_required', 'GET', '/', { kind: 'redirect', url: '/sign-in' }],
    [401, 'sign_in_required', 'POST', '/account/password', { kind: 'redirect', url: '/sign-in' }],
  ])('%i %s on %s %s redirects to sign in', (status, code, method, url, expected) => {
    expect(webErrorResponse(status, code, method, url)).toEqual(expected);
  });

  it.each([
    [403, 'csrf_token_invalid', 'POST', 403, 'errors/form-expired'],
    [403, 'forbidden', 'GET', 403, 'errors/403'],
    [404, 'not_found', 'GET', 404, 'errors/404'],
    [400, 'validation_failed', 'GET', 404, 'errors/404'],
    [400, 'validation_failed', 'POST', 400, 'errors/problem'],
    [413, undefined, 'POST', 413, 'errors/problem'],
    [418, undefined, 'POST', 418, 'errors/problem'],
    [500, undefined, 'GET', 500, 'errors/500'],
    [503, undefined, 'GET', 500, 'errors/500'],
    [503, 'dependency_unavailable', 'GET', 500, 'errors/500'],
    [503, 'database_timeout', 'POST', 503, 'errors/500'],
  ])('%i %s on %s is a %i page %s', (status, code, method, pageStatus, view) => {
    const response = webErrorResponse(status, code, method, '/x');
    expect(response).toMatchObject({ kind: 'page', status: pageStatus, view });
    if (response.kind === 'page') expect(response.heading.length).toBeGreaterThan(0);
  });
});
