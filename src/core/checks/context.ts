import type { Unit } from '../schema/unit.js';

/** What a check of one file may know about the rest of the ledger. */
export interface LedgerContext {
  /** Units by code, as far as their files could be read. */
  units: ReadonlyMap<string, Unit>;
  /** "Now" for future-event checks; the core never reads the clock. */
  asOf: number;
}

/** Where a file sits in the ledger: `<folder>/<stem>.yaml`. */
export interface FilePlace {
  file: string;
  folder: string;
  stem: string;
}
