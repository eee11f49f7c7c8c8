import { closestWord } from './text.js';

/**
 * What an officer who names a unit the ledger does not have probably meant. Officers think in
 * names and their short forms (住建局 for 淮阴区住房和城乡建设局), the ledger in codes (zjj).
 */

export interface NamedUnit {
  code: string;
  name: string;
}

/** More matches than this help nobody choose: none is suggested then. */
const MAX_SUGGESTIONS = 3;

/** Whether every character of `short` appears in `name`, in order: how 住建局 abbreviates 住房和城乡建设局. */
function abbreviates(short: string, name: string): boolean {
  let at = 0;
  for (const char of short) {
    at = name.indexOf(char, at);
    if (at < 0) return false;
    at += char.length;
  }
  return true;
}

/** The units `given` most likely means: by code (any case, or a typo), by name, part of a name, or a short form of one. */
export function unitsMeant<T extends NamedUnit>(given: string, units: readonly T[]): T[] {
  const text = given.trim();
  if (text === '') return [];
  const byCode = units.find((u) => u.code === text.toLowerCase());
  if (byCode) return [byCode];
  const tries: ((u: T) => boolean)[] = [
    (u) => u.name === text,
    (u) => u.name.includes(text),
    (u) => [...text].length >= 2 && abbreviates(text, u.name),
  ];
  for (const matches of tries) {
    const found = units.filter(matches);
    if (found.length > 0) return found.length <= MAX_SUGGESTIONS ? found : [];
  }
  const typo = closestWord(
    text,
    units.map((u) => u.code),
  );
  return units.filter((u) => u.code === typo);
}

const described = (u: NamedUnit): string => `${u.code}（${u.name}）`;

/** Every unit as an officer can choose from it: the code, then the name. */
export function unitsListed(units: Iterable<NamedUnit>): string {
  return [...units].map(described).join('、') || '（无）';
}

/** What a code can be: anything else was a name, and the officer is reminded to write the code. */
const CODE_LIKE = /^[A-Za-z][A-Za-z0-9]*$/;

/** The sentence for a unit the ledger does not have: the units probably meant, then every unit with its name. */
export function unknownUnitMessage(given: string, units: Iterable<NamedUnit>): string {
  const all = [...units];
  const meant = unitsMeant(given, all);
  const remind = CODE_LIKE.test(given.trim()) ? '' : '请写单位代码。';
  const guess = meant.length > 0 ? `是不是 ${meant.map(described).join(' 或 ')}？${remind}` : '';
  return `单位「${given}」不存在：${guess}台账中的单位有 ${unitsListed(all)}`;
}
