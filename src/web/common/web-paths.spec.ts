import { isApiPath, isWebPagePath, safeReturnTo, signInUrl } from './web-paths';

describe('web paths', () => {
  it.each([
    ['/api', true],
    ['/api/v1/actions', true],
    ['/apiary', false],
    ['/', false],
    ['/sign-in', false],
  ])('isApiPath(%j) is %j', (path, expected) => {
    expect(isApiPath(path)).toBe(expected);
  });

  it('treats assets as neither API nor page', () => {
    expect(isWebPagePath('/assets/abc/app.css')).toBe(false);
    expect(isWebPagePath('/account')).toBe(true);
  });

  it.each([
    ['/account', '/account'],
    ['/actions/1?tab=evidence#top', '/actions/1?tab=evidence#top'],
    ['//evil.example/path', null],
    ['/\\evil.example', null],
    ['https://evil.example', null],
    ['account', null],
    ['/sign-in', null],
    ['/sign-in?returnTo=/x', null],
    ['/sign-out', null],
    ['/api/v1/users', null],
    ['/assets/x/app.js', null],
    ['/a\nb', null],
    [42, null],
    [undefined, null],
  ])('safeReturnTo(%j) is %j', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it('puts a safe target in the sign-in URL, and nothing for home or unsafe ones', () => {
    expect(signInUrl('/account/password')).toBe('/sign-in?returnTo=%2Faccount%2Fpassword');
    expect(signInUrl('/')).toBe('/sign-in');
    expect(signInUrl('//evil.example')).toBe('/sign-in');
    expect(signInUrl(undefined)).toBe('/sign-in');
  });
});
