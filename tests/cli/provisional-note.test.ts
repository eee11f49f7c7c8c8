import { describe, expect, it } from 'vitest';
import { provisionalNote } from '../../src/cli/ledger-session.js';

describe('the note under results that depend on provisional years', () => {
  it('is absent when nothing is provisional', () => {
    expect(provisionalNote([])).toBeUndefined();
  });

  it('tells how a supported year is made final: its calendar file, complete', () => {
    const note = provisionalNote([2027, 2028])!;
    expect(note).toContain('按《全国年节及纪念日放假办法》的法定节假日和周末推算');
    expect(note).toContain('calendar/2027.yaml');
    expect(note).toContain('complete: true');
  });

  it('never suggests a file the schema rejects for a year outside 2000–2099', () => {
    const note = provisionalNote([1999])!;
    expect(note).not.toContain('calendar/1999.yaml');
    expect(note).toContain('1999 年超出 bbcs 支持的年份范围（2000–2099 年），只按周一至周五推算，也不能写日历文件');
    const both = provisionalNote([1999, 2027])!;
    expect(both).toContain('calendar/2027.yaml');
    expect(both).not.toContain('calendar/1999.yaml');
  });
});
