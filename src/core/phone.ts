/**
 * Phone numbers as officers write them on the forms. Accepting the common spellings matters as
 * much as rejecting typos: a counter officer types "0517-84901234 转 123" or "138 1234 5678".
 */

export type PhoneKind = '手机' | '固定电话' | '服务号码';

export type PhoneCheck = { ok: true; kind: PhoneKind } | { ok: false };

export const PHONE_ACCEPTED =
  '可填手机号（如 13812345678）、带区号的固定电话（如 0517-84901234，分机写作“转 123”）或服务号码（如 12345、95588、400-123-4567）';

const MOBILE = /^(?:\+?86[- ]?)?1[3-9]\d{9}$/;
const LANDLINE = /^(?:\+?86[- ]?)?(?:0\d{2,3}|\(0\d{2,3}\)|（0\d{2,3}）)[- ]?[2-9]\d{6,7}$/;
const EXTENSION = /^(.*?)(?:\s*(?:转|分机|ext\.?|x|-)\s*(\d{1,6}))$/i;
const SERVICE = [
  /^1\d{2}$/, // 110, 119, 120, 122
  /^1\d{4}$/, // 12345, 12315, 10086
  /^9[56]\d{3,4}$/, // 95588, 96xxx
  /^[48]00\d{7}$/, // 400/800 numbers
];

function compact(text: string): string {
  return text.replace(/[\s-]/g, '');
}

export function checkPhone(raw: string): PhoneCheck {
  const text = raw.trim();
  if (text === '') return { ok: false };
  const mobile = text.replace(/(?<=\d)[\s-](?=\d)/g, '');
  if (MOBILE.test(mobile)) return { ok: true, kind: '手机' };
  if (SERVICE.some((re) => re.test(compact(text)))) return { ok: true, kind: '服务号码' };
  if (LANDLINE.test(text) || LANDLINE.test(compact(text))) return { ok: true, kind: '固定电话' };
  const ext = EXTENSION.exec(text);
  if (ext && ext[1] !== undefined) {
    const main = ext[1].trim();
    if (LANDLINE.test(main) || LANDLINE.test(compact(main))) return { ok: true, kind: '固定电话' };
  }
  return { ok: false };
}
