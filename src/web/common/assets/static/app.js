// Progressive enhancement. A module script runs only in the browsers GOV.UK Frontend supports,
// so it also marks the page as supported (instead of GOV.UK's inline snippet: our CSP allows no
// inline script). Every page works without it.
import { initAll as initGovukFrontend } from './govuk-frontend.min.js';
import { initAll as initMojFrontend } from './moj-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initGovukFrontend();
initMojFrontend();
