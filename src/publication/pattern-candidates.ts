import { candidate, PLACEHOLDERS, type Candidate } from './redaction-candidates';

// 1. E-mail addresses.
const EMAIL = /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;
// 2. Phone numbers: a leading +44 or 0, then digits with single spaces, dashes or a bracketed area code.
const PHONE = /(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(0|0)\d(?:\d|[ -](?=\d)|\)[ -]?(?=\d)){7,14}(?!\d)/g;
// 3. NHS-number shape: 3-3-4 with spaces or dashes, or 10 digits run together.
const NHS_NUMBER = /(?<![\w+])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w])/g;
// 4. Postcodes (the official pattern's shape; letters Q, V, X never start one).
const POSTCODE = /(?<![\p{L}\p{N}])([A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)( ?)(\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/giu;

/** Rules 1 to 4: e-mail addresses, UK phone numbers, NHS-number shapes and postcodes. */
export function patternCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of text.matchAll(EMAIL)) {
    found.push(candidate('email', m[0], m.index, PLACEHOLDERS.email, 'e-mail address', 1));
  }
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    const national = digits.startsWith('44') && m[0].startsWith('+') ? `0${digits.slice(2).replace(/^0/, '')}` : digits;
    // UK numbers are 10 or 11 digits with the leading 0, which is followed by 1, 2, 3, 5, 7, 8 or 9.
    if (/^0[1235789]\d{8,9}$/.test(national)) {
      found.push(candidate('phone', m[0], m.index, PLACEHOLDERS.phone, 'UK phone number', 2));
    }
  }
  for (const m of text.matchAll(NHS_NUMBER)) {
    found.push(candidate('nhs_number', m[0], m.index, PLACEHOLDERS.nhs_number, '10 digits shaped like an NHS number', 3));
  }
  for (const m of text.matchAll(POSTCODE)) {
    // Without the space, or in lower case, a postcode is only taken when written in capitals.
    const isCaps = m[0] === m[0].toUpperCase();
    if (isCaps || m[2] === ' ') {
      if (isCaps || /^[a-z]{1,2}\d/i.test(m[1])) found.push(candidate('postcode', m[0], m.index, PLACEHOLDERS.postcode, 'UK postcode', 4));
    }
  }
  return found;
}
