/**
 * Personal data on screen. A mobile keeps its first three and last four digits (138****0000),
 * as government notices print them; a landline keeps its area code and last four digits
 * (0517-****1234); an extension is an office's, not a person's, and stays.
 */
const EXTENSION = /(\s*(?:转|分机|ext\.?)\s*\d+)$/i;

function maskDigits(text: string, keepFirst: number, keepLast: number): string {
  const total = [...text].filter((ch) => /\d/.test(ch)).length;
  if (total <= keepFirst + keepLast) return text;
  let seen = 0;
  return [...text]
    .map((ch) => {
      if (!/\d/.test(ch)) return ch;
      seen++;
      return seen > keepFirst && seen <= total - keepLast ? '*' : ch;
    })
    .join('');
}

export function maskPhone(phone: string): string {
  const extension = EXTENSION.exec(phone)?.[1] ?? '';
  const main = phone.slice(0, phone.length - extension.length);
  const country = /^\+?86[- ]?/.exec(main)?.[0] ?? '';
  const areaCode = /^(?:\(|（)?(0\d{2,3})/.exec(main.slice(country.length))?.[1];
  const countryDigits = country.replace(/\D/g, '').length;
  return maskDigits(main, countryDigits + (areaCode?.length ?? 3), 4) + extension;
}

/** A private person's name keeps its first character (张**). Enterprises are not private persons. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
}
