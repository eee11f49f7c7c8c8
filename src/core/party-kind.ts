import type { PartyKind } from './schema/vocabulary.js';

/**
 * 企业 or 群众 from the name alone: an enterprise's name says what it is (公司、厂、店…), a
 * person's does not. Used where nobody said which: the import of an old 台账, and the answer
 * offered first when an officer registers at the counter.
 */
const ENTERPRISE =
  /(公司|企业|厂|店|中心|合作社|集团|银行|商行|工作室|事务所|学校|医院|协会|个体工商户|超市|酒店|宾馆)/;

export function guessPartyKind(name: string): PartyKind {
  return ENTERPRISE.test(name) ? '企业' : '群众';
}
