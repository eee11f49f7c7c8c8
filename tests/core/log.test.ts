import { describe, expect, it } from 'vitest';
import { parseCommitMessage } from '../../src/core/reports/log.js';

describe('reading bbcs commit messages back', () => {
  it('a step commit gives the step, its name, the item, the unit, the officer and the summary', () => {
    const parsed = parseCommitMessage(
      'bbcs: confirmed ZJJ-2026-0007（zjj）科室确认暂时无法办理',
      '行政审批科确认暂时无法办理，分管领导同意。\n\nBbcs-Step: confirmed\nBbcs-Item: ZJJ-2026-0007\nBbcs-Unit: zjj\nBbcs-Officer: 王敏',
    );
    expect(parsed).toEqual({
      bbcs: true,
      step: 'confirmed',
      stepName: '科室确认暂时无法办理',
      item: 'ZJJ-2026-0007',
      unit: 'zjj',
      officer: '王敏',
      summary: '行政审批科确认暂时无法办理，分管领导同意。',
      trailers: { 'Bbcs-Step': 'confirmed', 'Bbcs-Item': 'ZJJ-2026-0007', 'Bbcs-Unit': 'zjj', 'Bbcs-Officer': '王敏' },
    });
  });

  it('without trailers (e.g. squashed by hand) the subject still tells the step', () => {
    const parsed = parseCommitMessage('bbcs: registered WANGYING-2026-0003（wangying）登记', '');
    expect(parsed).toMatchObject({
      bbcs: true,
      step: 'registered',
      stepName: '登记',
      item: 'WANGYING-2026-0003',
      unit: 'wangying',
      summary: 'bbcs: registered WANGYING-2026-0003（wangying）登记',
    });
  });

  it('steps that are not events (unit-add, init) keep the words of the subject as their name', () => {
    const parsed = parseCommitMessage(
      'bbcs: unit-add zjj（区住建局）新增单位',
      '新增区直单位。\n\nBbcs-Step: unit-add\nBbcs-Unit: zjj\nBbcs-Officer: 王敏',
    );
    expect(parsed).toMatchObject({
      bbcs: true,
      step: 'unit-add',
      stepName: '新增单位',
      unit: 'zjj',
      summary: '新增区直单位。',
    });
    expect(parsed.item).toBeUndefined();
  });

  it('a commit made by hand is shown as it is', () => {
    expect(parseCommitMessage('修正错别字', '把“电悌”改为“电梯”')).toEqual({
      bbcs: false,
      summary: '修正错别字',
      trailers: {},
    });
  });
});
