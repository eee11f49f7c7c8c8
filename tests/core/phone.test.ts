import { describe, expect, it } from 'vitest';
import { checkPhone, PHONE_ACCEPTED, type PhoneKind } from '../../src/core/phone.js';

const ACCEPTED: [string, PhoneKind][] = [
  // mobiles
  ['13812345678', '手机'],
  ['138 1234 5678', '手机'],
  ['138-1234-5678', '手机'],
  ['+86 13812345678', '手机'],
  ['+8613812345678', '手机'],
  ['+86-138-1234-5678', '手机'],
  ['19912345678', '手机'],
  ['16612345678', '手机'],
  ['14712345678', '手机'],
  ['  13812345678  ', '手机'],
  ['138　1234　5678', '手机'], // ideographic spaces, as typed with a Chinese IME
  // landlines
  ['0517-84901234', '固定电话'],
  ['0517 84901234', '固定电话'],
  ['051784901234', '固定电话'],
  ['(0517)84901234', '固定电话'],
  ['（0517）84901234', '固定电话'],
  ['(0517) 84901234', '固定电话'],
  ['0517 - 84901234', '固定电话'],
  ['010-62345678', '固定电话'],
  ['025-84901234', '固定电话'],
  ['0517-84901234 转 123', '固定电话'],
  ['0517-84901234转123', '固定电话'],
  ['0517-84901234 分机 123', '固定电话'],
  ['0517-84901234-123', '固定电话'],
  ['0517-8490123', '固定电话'], // 7-digit local number
  // service numbers
  ['12345', '服务号码'],
  ['110', '服务号码'],
  ['120', '服务号码'],
  ['12315', '服务号码'],
  ['10086', '服务号码'],
  ['95588', '服务号码'],
  ['400-123-4567', '服务号码'],
  ['4001234567', '服务号码'],
  ['400 123 4567', '服务号码'],
  ['800-123-4567', '服务号码'],
];

const REJECTED: [string, string][] = [
  ['123', '三位数只有 110–119、120–122 这类服务号码'],
  ['138', '手机号的开头，不是服务号码'],
  ['', 'empty'],
  ['   ', 'blank'],
  ['1381234567', '10 digits'],
  ['23812345678', 'mobile must start with 1'],
  ['12812345678', 'no 12x mobile prefix'],
  ['138123456789', '12 digits'],
  ['abc', 'letters'],
  ['138a1234567', 'letter inside a mobile'],
  ['0517-8490123a', 'letter inside a landline'],
  ['0517-84901234abc', 'letters after a landline'],
  ['84901234', 'landline without area code'],
  ['0517-84901234 转', 'extension word without digits'],
  ['0517-84901234转', 'extension word without digits, no space'],
  ['0517-84901234 转 1234567', 'extension too long'],
  ['0517-849012345', '9-digit local number'],
  ['13812345678、0517-84901234', 'two numbers in one field'],
];

describe('checkPhone', () => {
  it.each(ACCEPTED)('accepts %s as %s', (input, kind) => {
    expect(checkPhone(input)).toEqual({ ok: true, kind });
  });

  it.each(REJECTED)('rejects %j (%s)', (input) => {
    expect(checkPhone(input)).toEqual({ ok: false });
  });

  // A local number never starts with 0 or 1, and where the officer put the separator says where
  // the area code ends: "0517-0123456" must not be re-read as 051 + 70123456.
  it('rejects 0517-0123456 (local number starting with 0)', () => {
    expect(checkPhone('0517-0123456')).toEqual({ ok: false });
  });

  it('rejects 0517-1234567 (local number starting with 1)', () => {
    expect(checkPhone('0517-1234567')).toEqual({ ok: false });
  });

  // The full-width hyphen is what a Chinese IME in full-width mode, Word and many web pages produce.
  it('accepts a landline written with a full-width hyphen (0517－84901234)', () => {
    expect(checkPhone('0517－84901234')).toEqual({ ok: true, kind: '固定电话' });
  });

  it('the message listing what is accepted is Chinese and gives examples', () => {
    expect(PHONE_ACCEPTED).toMatch(/手机/);
    expect(PHONE_ACCEPTED).toMatch(/0517-84901234/);
    expect(PHONE_ACCEPTED).toMatch(/转 123/);
  });
});
