import type { Command } from 'commander';

/**
 * Each file in this folder declares one command: its words, options and help. The work is in
 * ../commands/ and is imported only when the command runs, so declaring stays cheap.
 */
export interface Outcome {
  code: number;
}

export type Declare = (root: Command, outcome: Outcome) => void;

export const LEDGER_OPTION = [
  '--ledger <目录>',
  '台账目录（默认：环境变量 BBCS_LEDGER，或从当前目录向上找到的 ledger/）',
] as const;
export const AS_OF_OPTION = [
  '--as-of <时间>',
  '以此时间为“现在”，如 2026-06-30（当天结束时）；默认当前北京时间',
] as const;
export const JSON_OPTION = ['--json', '以 JSON 输出'] as const;

export const NO_CACHE_OPTION = [
  '--no-cache',
  '不读也不写检查缓存（.git/bbcs-cache/、台账的 .bbcs-cache/ 或环境变量 BBCS_CACHE_DIR 指定的目录），逐个文件重新解析和检查；同环境变量 BBCS_NO_CACHE=1',
] as const;

/** `--no-cache` reaches the loader through the environment, as BBCS_NO_CACHE does. */
export function applyNoCache(options: { cache?: boolean }): void {
  if (options.cache === false) process.env.BBCS_NO_CACHE = '1';
}

/** A unit code as the ledger spells it: unit codes are lower case, officers often type ZJJ. */
export const unitCode = (value: string): string => value.trim().toLowerCase();
