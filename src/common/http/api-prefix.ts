/** Where the API lives; the web pages are everywhere else. */
export const API_PREFIX = 'api/v1';
