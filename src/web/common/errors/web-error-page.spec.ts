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

  it('names the field of a form sent with text that cannot be saved (a NUL byte, a lone surrogate), in words', () => {
    const named = (details: unknown) => {
      const response = webErrorResponse(400, 'invalid_text', 'POST', '/plans/new', details);
      return response.kind === 'page' ? `${response.status} ${response.heading} | ${response.message}` : response.url;
    };
    expect(named([{ field: 'successMeasures', messages: ['must not contain a NUL character (\\u0000)'] }])).toBe(
      '400 Sorry, there is a problem with what you typed | The success measures field contains a character that cannot be saved (an invisible control character or a broken one, often pasted from another program). Nothing has been saved. Go back, retype the success measures and try again.',
    );
    expect(named([{ field: 'rules[1]', messages: ['x'] }])).toContain('The rules field');
    // Nothing to name (no details, a field name that is itself refused, the CSRF field): the plain page.
    expect(named(undefined)).toBe('400 Sorry, there is a problem with your request | Go back and try again.');
    expect(named([{ field: '\u0000', messages: ['x'] }])).toContain('Sorry, there is a problem with your request');
    expect(named([{ field: '_csrf', messages: ['x'] }])).toContain('Sorry, there is a problem with your request');
    // A GET with such text in its address is still a page that does not exist.
    expect(webErrorResponse(400, 'invalid_text', 'GET', '/x', [{ field: 'q', messages: ['x'] }])).toMatchObject({ status: 404, view: 'errors/404' });
  });
});
