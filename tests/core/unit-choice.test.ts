import { describe, expect, it } from 'vitest';
import { unitsMeant, unknownUnitMessage } from '../../src/core/unit-choice.js';

const UNITS = [
  { code: 'qbb', name: '淮阴区营商环境建设办公室' },
  { code: 'zjj', name: '淮阴区住房和城乡建设局' },
  { code: 'scj', name: '淮阴区市场监督管理局' },
  { code: 'zrj', name: '淮阴区自然资源局' },
  { code: 'wangying', name: '王营街道' },
  { code: 'matou', name: '码头镇' },
];
const codes = (given: string) => unitsMeant(given, UNITS).map((u) => u.code);

describe('the unit an officer meant', () => {
  it('is found by a code in capitals or with a typo', () => {
    expect(codes('ZJJ')).toEqual(['zjj']);
    expect(codes(' zjj ')).toEqual(['zjj']);
    expect(codes('wangyin')).toEqual(['wangying']);
    expect(codes('zj')).toEqual(['zjj']);
  });

  it('is found by its full name, part of it, or the short form officers say', () => {
    expect(codes('淮阴区住房和城乡建设局')).toEqual(['zjj']);
    expect(codes('市场监督管理局')).toEqual(['scj']);
    expect(codes('住建局')).toEqual(['zjj']);
    expect(codes('市监局')).toEqual(['scj']);
    expect(codes('码头')).toEqual(['matou']);
  });

  it('is offered as a choice when a few fit, and not at all when many or none do', () => {
    expect(codes('资源局')).toEqual(['zrj']);
    expect(codes('局')).toEqual(['zjj', 'scj', 'zrj']);
    expect(codes('淮阴区')).toEqual([]); // four units
    expect(codes('教育局')).toEqual([]);
    expect(codes('')).toEqual([]);
    expect(codes('nothing-like-it')).toEqual([]);
    expect(codes('建设')).toEqual(['qbb', 'zjj']);
  });

  it('the message names the guess and every unit with its name', () => {
    expect(unknownUnitMessage('住建局', UNITS)).toBe(
      '单位「住建局」不存在：是不是 zjj（淮阴区住房和城乡建设局）？请写单位代码。台账中的单位有 qbb（淮阴区营商环境建设办公室）、zjj（淮阴区住房和城乡建设局）、scj（淮阴区市场监督管理局）、zrj（淮阴区自然资源局）、wangying（王营街道）、matou（码头镇）',
    );
    expect(unknownUnitMessage('建设', UNITS)).toContain(
      '是不是 qbb（淮阴区营商环境建设办公室） 或 zjj（淮阴区住房和城乡建设局）？',
    );
    expect(unknownUnitMessage('教育局', UNITS)).toMatch(/^单位「教育局」不存在：台账中的单位有 qbb（/);
    expect(unknownUnitMessage('x', [])).toBe('单位「x」不存在：台账中的单位有 （无）');
  });
});
