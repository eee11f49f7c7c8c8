import * as z from 'zod';
import { MAINTAINER, MAINTAINER_ACCEPTED } from './maintainer.js';
import { phone, text, unitCode } from './fields.js';
import { UNIT_KINDS } from './vocabulary.js';

/** A unit and its 附件2 “办不成事”工作联系表. */
const person = z.strictObject({ name: text(), title: text(), phone: phone() });

export const UNIT_SCHEMA = z.strictObject({
  code: unitCode(),
  name: text(),
  kind: z.enum(UNIT_KINDS),
  /** 主要领导: consents to reporting up (第五条（三）) and signs 附件4; the default for `report --consent-by`. */
  principal: text().optional(),
  leader: person,
  lead_section: z.strictObject({ name: text(), head: text(), phone: phone() }),
  contact: person,
  /** Who may change the unit's folder: GitHub/GitLab handles (@user, @org/team) or emails, for CODEOWNERS. */
  maintainers: z
    .array(z.string().regex(MAINTAINER, { message: MAINTAINER_ACCEPTED }))
    .min(1)
    .optional(),
});

export type Unit = z.infer<typeof UNIT_SCHEMA>;

export const UNIT_FIELD_ORDER = [
  'code',
  'name',
  'kind',
  'principal',
  'leader',
  'lead_section',
  'contact',
  'maintainers',
] as const;
