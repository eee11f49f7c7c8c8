import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { askField } from '../../src/cli/forms/ask.js';
import { REGISTRATION_FIELDS, type RegisterContext } from '../../src/cli/forms/registration.js';
import { terminalPrompter } from '../../src/cli/prompts.js';
import type { Unit } from '../../src/core/schema/unit.js';

/**
 * The terminal prompter with the prompt library's own test screen (@inquirer/testing), one
 * question at a time: what a select shows when nothing is pre-selected, and how a typed time is
 * shown back once accepted.
 */

const unit = (code: string, name: string, kind: Unit['kind']): Unit => ({
  code,
  name,
  kind,
  leader: { name: '甲', title: '主任', phone: '0517-80000101' },
  lead_section: { name: '科', head: '乙', phone: '0517-80000102' },
  contact: { name: '丙', title: '科员', phone: '13800000101' },
});
const UNITS = new Map([
  ['qbb', unit('qbb', '区“办不成事”办公室', '区办')],
  ['zjj', unit('zjj', '淮阴区住房和城乡建设局', '区直单位')],
]);
// 2026-12-05 10:30 in China.
const NOW = Date.UTC(2026, 11, 5, 2, 30);
const context = (configuredUnit?: string): RegisterContext => ({
  units: UNITS,
  knownIds: new Set(),
  now: NOW,
  office: UNITS.get('qbb'),
  configuredUnit,
  officer: '王敏',
  importsEvents: false,
  interactive: true,
});
const field = (key: string) => REGISTRATION_FIELDS.find((f) => f.key === key)!;

/** The screen once it shows `text` (the prompt renders after the question is asked). */
async function shown(text: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const now = screen.getScreen();
    if (now.includes(text)) return now;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the screen never showed ${text}:\n${screen.getScreen()}`);
}

describe('terminalPrompter', () => {
  it('without a configured unit, the cursor rests on a line that cannot be chosen', async () => {
    const answer = askField(field('unit'), context(), {}, await terminalPrompter());
    await shown('❯ （请选择登记单位）');
    screen.keypress('enter');
    await shown('请先用 ↑↓ 选择一项，再按回车');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('zjj');
  });

  it('with a configured unit, that unit is pre-selected', async () => {
    const answer = askField(field('unit'), context('zjj'), {}, await terminalPrompter());
    await shown('❯ 淮阴区住房和城乡建设局（zjj）');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('zjj');
  });

  it('a time typed in Chinese is shown back as it will be stored', async () => {
    const answer = askField(field('at'), context(), {}, await terminalPrompter());
    await shown('受理时间（北京时间，如 2026-03-02 09:30）： (2026-12-05 10:30)');
    screen.type('12月1日 上午9点半');
    screen.keypress('enter');
    await expect(answer).resolves.toEqual({ epochMs: Date.UTC(2026, 11, 1, 1, 30), iso: '2026-12-01T09:30:00+08:00' });
    expect(screen.getScreen()).toContain('✔ 受理时间（北京时间，如 2026-03-02 09:30）： 2026-12-01 09:30');
  });
});
