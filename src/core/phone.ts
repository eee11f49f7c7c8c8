/**
 * Phone numbers as officers write them on the forms. Accepting the common spellings matters as
 * much as rejecting typos: a counter officer types "0517-84901234 转 123", "138 1234 5678",
 * or uses a full-width hyphen or brackets from a Chinese input method.
 */

export type PhoneKind = '手机' | '固定电话' | '服务号码';

export type PhoneCheck = { ok: true; kind: PhoneKind } | { ok: false };

export const PHONE_ACCEPTED =
  '可填手机号（如 13812345678）、带区号的固定电话（如 0517-84901234，分机写作“转 123”）或服务号码（如 12345、95588、400-123-4567）';

const MOBILE = /^1[3-9]\d{9}$/;
/** 010 and 02x are the three-digit area codes; every other area code has four digits. */
const AREA_CODE = /^(?:010|02\d|0[3-9]\d{2})$/;
const LOCAL_NUMBER = /^[2-9]\d{6,7}$/;
const SERVICE = [
  /^1(?:1\d|2[0-2])$/, // 110, 112, 114, 119, 120, 122
  /^1[02]\d{3}$/, // 12345, 12315, 10086
  /^9[56]\d{3,4}$/, // 95588, 96xxx
  /^[48]00\d{7}$/, // 400 and 800 numbers
];
const EXTENSION = /^(.*?\d)\s*(?:转|分机|ext\.?|-)\s*(\d{1,6})$/i;

function normalise(raw: string): string {
  return raw
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－—–‐]/g, '-')
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/^\+?86[- ]?/, '');
}

/** A landline: area code then local number, split where the officer split it, if anywhere. */
function isLandline(text: string): boolean {
  const parts = /^\(?(0\d{2,3})\)?[- ]?(\d[\d ]*)$/.exec(text);
  if (!parts) return false;
  const separated = text.length > parts[1]!.length + parts[2]!.length || text.startsWith('(');
  const local = parts[2]!.replace(/ /g, '');
  if (separated) return AREA_CODE.test(parts[1]!) && LOCAL_NUMBER.test(local);
  const digits = parts[1]! + local;
  return [3, 4].some((n) => AREA_CODE.test(digits.slice(0, n)) && LOCAL_NUMBER.test(digits.slice(n)));
}

export function checkPhone(raw: string): PhoneCheck {
  const text = normalise(raw);
  if (text === '' || /^[- ]|[- ]$/.test(text)) return { ok: false };
  const compact = text.replace(/(?<=\d)[ -](?=\d)/g, '');
  if (MOBILE.test(compact)) return { ok: true, kind: '手机' };
  if (SERVICE.some((re) => re.test(compact))) return { ok: true, kind: '服务号码' };
  if (isLandline(text)) return { ok: true, kind: '固定电话' };
  const extension = EXTENSION.exec(text);
  if (extension && isLandline(extension[1]!.trim())) return { ok: true, kind: '固定电话' };
  return { ok: false };
}
