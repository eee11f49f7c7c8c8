import { z } from 'zod';

/**
 * The ledger's policy file: deadlines and their start/stop events. Its rules arrive with the
 * deadlines work; until then the file holds its format version so that its place is fixed and a
 * malformed file is already reported.
 */
export const POLICY_SCHEMA = z.strictObject({
  version: z.literal(1),
});

export type Policy = z.infer<typeof POLICY_SCHEMA>;
