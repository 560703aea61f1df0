import { buildAssetBundle, webAssetSources } from '../assets/asset-bundle';
import { createNunjucksEnvironment } from './nunjucks-setup';

describe('the Nunjucks environment of the web pages', () => {
  const env = createNunjucksEnvironment(buildAssetBundle(webAssetSources()));
  const render = (template: string, context: object = {}) => env.renderString(template, context).trim();

  it('escapes every value unless a template says otherwise', () => {
    expect(render('<p>{{ name }}</p>', { name: '<script>alert(1)</script>' })).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('shows a RAG colour as a GOV.UK tag carrying its word', () => {
    const html = render('{% from "macros/rag-tag.njk" import ragTag %}{{ ragTag(colour) }}', { colour: 'amber' });
    expect(html).toBe('<strong class="govuk-tag app-rag-tag govuk-tag--orange">\n  Amber\n</strong>');
  });

  it('formats dates and counts the GOV.UK way', () => {
    expect(render('{{ d | govukDate }}; {{ n | pluralise("action") }}; {{ 1 | pluralise("person", "people") }}', { d: '2026-11-29', n: 3 })).toBe('29 November 2026; 3 actions; 1 person');
  });

  it('renders the error summary and inline errors from a FieldError list', () => {
    const errors = [{ field: 'email', text: 'Enter your email address' }];
    const summary = render('{% include "partials/error-summary.njk" %}', { errors });
    expect(summary).toContain('There is a problem');
    expect(summary).toMatch(/<a href="#email">Enter your email address<\/a>/);
    const input = render('{% from "govuk/components/input/macro.njk" import govukInput %}{{ govukInput({ id: "email", name: "email", label: { text: "Email" }, errorMessage: errors | errorMessageFor("email") }) }}', { errors });
    expect(input).toMatch(/id="email-error"/);
    expect(input).toContain('govuk-input--error');
    expect(render('{% include "partials/error-summary.njk" %}', { errors: [] })).toBe('');
  });

  it('knows the MoJ macros too', () => {
    expect(render('{% from "moj/components/badge/macro.njk" import mojBadge %}{{ mojBadge({ text: "New" }) }}')).toContain('moj-badge');
  });

  it('points asset() at the fingerprinted URL and fails loudly on a missing file', () => {
    expect(render("{{ asset('app.css') }}")).toMatch(/^\/assets\/[0-9a-f]{16}\/app\.css$/);
    expect(() => render("{{ asset('missing.css') }}")).toThrow(/missing\.css/);
  });
});
