// Genesys lists in two ways: numbered pages (`pageNumber`, `pageCount`: integrations, data actions,
// flows, dependency tracking) and cursor pages (`after`, taken from `nextUri`: triggers). One
// helper each; `until` stops at the first page holding a match.
import type { GenesysApi, SdkApis } from "./transport";

/** Genesys's page size limit for these listings is 100 (triggers: 200). */
export const PAGE_SIZE = 100;
export const CURSOR_PAGE_SIZE = 200;

interface Listing<T> {
  entities?: T[];
  pageCount?: number;
  nextUri?: string;
}

/** The entities of every numbered page, or of the pages up to the first holding an `until` match. */
export async function numberedPages<T>(
  api: GenesysApi,
  label: string,
  list: (apis: SdkApis, pageNumber: number) => Promise<unknown>,
  until?: (entity: T) => boolean,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const listing = await api.call<Listing<T>>(page === 1 ? label : `${label} (page ${page})`, (a) => list(a, page));
    const entities = listing.entities ?? [];
    all.push(...entities);
    if (page >= (listing.pageCount ?? 1) || (until && entities.some(until))) return all;
  }
}

/** The entities of every cursor page, or of the pages up to the first holding an `until` match. */
export async function cursorPages<T>(
  api: GenesysApi,
  label: string,
  list: (apis: SdkApis, after: string | undefined) => Promise<unknown>,
  until?: (entity: T) => boolean,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    const listing = await api.call<Listing<T>>(label, (a) => list(a, after));
    const entities = listing.entities ?? [];
    all.push(...entities);
    const next = listing.nextUri ? new URL(listing.nextUri, "http://cursor").searchParams.get("after") : null;
    // A repeated cursor or an empty page would loop for ever.
    if (!next || next === after || entities.length === 0 || (until && entities.some(until))) return all;
    after = next;
  }
}
