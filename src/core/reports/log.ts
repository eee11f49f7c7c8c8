import { EVENT_NAMES, isEventType } from '../schema/events.js';
import { ITEM_ID, UNIT_CODE } from '../schema/fields.js';

/**
 * Reads back the structured commit messages bbcs writes (see src/cli/save-change.ts):
 *
 *   bbcs: confirmed ZJJ-2026-0007（zjj）科室确认暂时无法办理
 *
 *   <summary>
 *
 *   Bbcs-Step: confirmed
 *   Bbcs-Item: ZJJ-2026-0007
 *   Bbcs-Unit: zjj
 *   Bbcs-Officer: 王敏
 *
 * A commit made by hand (an editor and `git commit`) is shown as it is: its subject is the summary.
 */
export interface CommitStep {
  /** True when the message is one bbcs wrote. */
  bbcs: boolean;
  /** The step's code, such as `confirmed` or `unit-add`. */
  step?: string;
  /** The step's Chinese name, for event steps. */
  stepName?: string;
  item?: string;
  unit?: string;
  officer?: string;
  /** What was done: the body's summary for bbcs commits, the subject for others. */
  summary: string;
  trailers: Record<string, string>;
}

const SUBJECT = /^bbcs: (\S+)(?: ([^\s（]+))?(?:（([^）]*)）)?(.*)$/;
const TRAILER = /^(Bbcs-[A-Za-z]+):\s*(.*)$/;

export function parseCommitMessage(subject: string, body: string): CommitStep {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const trailers: Record<string, string> = {};
  const rest: string[] = [];
  for (const line of lines) {
    const m = TRAILER.exec(line.trim());
    if (m) trailers[m[1]!] = m[2]!.trim();
    else rest.push(line);
  }
  const subjectMatch = SUBJECT.exec(subject.trim());
  const bbcs = subjectMatch !== null || trailers['Bbcs-Step'] !== undefined;
  if (!bbcs) return { bbcs: false, summary: subject.trim(), trailers };

  const step = trailers['Bbcs-Step'] ?? subjectMatch?.[1];
  const result: CommitStep = { bbcs: true, summary: '', trailers };
  if (step !== undefined) {
    result.step = step;
    if (isEventType(step)) result.stepName = EVENT_NAMES[step];
    else if (subjectMatch?.[4]?.trim()) result.stepName = subjectMatch[4].trim();
  }
  const fromSubject = (value: string | undefined, shape: RegExp) =>
    value !== undefined && shape.test(value) ? value : undefined;
  const item = trailers['Bbcs-Item'] ?? fromSubject(subjectMatch?.[2], ITEM_ID);
  if (item !== undefined) result.item = item;
  const unit = trailers['Bbcs-Unit'] ?? fromSubject(subjectMatch?.[3], UNIT_CODE);
  if (unit !== undefined) result.unit = unit;
  if (trailers['Bbcs-Officer'] !== undefined) result.officer = trailers['Bbcs-Officer'];
  const summary = rest
    .join('\n')
    .trim()
    .replace(/\s*\n\s*/g, ' ');
  result.summary = summary !== '' ? summary : subject.trim();
  return result;
}
