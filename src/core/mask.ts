/**
 * Personal data on screen: a phone number keeps its first three and last four digits
 * (138****0000), as government notices print them. Masking hides digits, never the shape.
 */
export function maskPhone(phone: string): string {
  const digits = [...phone].filter((ch) => /\d/.test(ch)).length;
  if (digits < 8) return phone;
  let seen = 0;
  return [...phone]
    .map((ch) => {
      if (!/\d/.test(ch)) return ch;
      seen++;
      return seen > 3 && seen <= digits - 4 ? '*' : ch;
    })
    .join('');
}

/** A private person's name keeps its first character: 张** . Enterprises are not private persons. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
}
