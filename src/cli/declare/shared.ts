import type { Command } from 'commander';

/**
 * Each file in this folder declares one command: its words, options and help. The work is in
 * ../commands/ and is imported only when the command runs, so declaring stays cheap.
 */
export interface Outcome {
  code: number;
}

export type Declare = (root: Command, outcome: Outcome) => void;

export const LEDGER_OPTION = ['--ledger <目录>', '台账目录（默认：环境变量 BBCS_LEDGER，或从当前目录向上找到的 ledger/）'] as const;
export const AS_OF_OPTION = ['--as-of <时间>', '以此时间为“现在”，如 2026-06-30（当天结束时）；默认当前北京时间'] as const;
export const JSON_OPTION = ['--json', '以 JSON 输出'] as const;
