import { obligationsOf } from '../deadlines/obligations.js';
import type { Item } from '../schema/item.js';
import type { Policy } from '../schema/policy.js';

/**
 * What a report must know of an item to pass it over without reading it: kept beside each item
 * in the parse cache, so that on a large ledger `overdue` reads only the items with a clock
 * still running and `weekly` only one unit's items. Facets depend on the policy and the
 * 区办's code as well as the item (see facetsBasis): a new policy recomputes them.
 */
export interface ItemFacets {
  unit: string;
  /** Some obligation with a deadline has not ended yet: the item may be overdue or due soon. */
  open: boolean;
}

export function itemFacets(item: Item, policy: Policy, officeUnit: string): ItemFacets {
  const open = obligationsOf(item, policy, undefined, officeUnit).some((o) => !o.ended && o.days !== undefined);
  return { unit: item.unit, open };
}

/** Everything besides the item that its facets depend on, as text to key them by. */
export function facetsBasis(policy: Policy, officeUnit: string): string {
  return JSON.stringify({ version: 1, policy, officeUnit });
}
