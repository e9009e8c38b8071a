import { MAX_PAGE_SIZE } from "./unverified";
import { queryInt } from "./validate";

export interface PageListing<T> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri: string;
  lastUri: string;
  selfUri: string;
  nextUri?: string;
  previousUri?: string;
}

/** Genesys's numbered page listing (`pageSize` default 25, `pageNumber` from 1). */
export function pageListing<T>(all: T[], path: string, query: URLSearchParams): PageListing<T> {
  const pageSize = queryInt(query, "pageSize", 25, 1, MAX_PAGE_SIZE);
  const pageNumber = queryInt(query, "pageNumber", 1, 1, Number.MAX_SAFE_INTEGER);
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const uri = (n: number) => {
    const q = new URLSearchParams(query);
    q.set("pageSize", String(pageSize));
    q.set("pageNumber", String(n));
    return `${path}?${q.toString()}`;
  };
  return {
    entities: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total: all.length,
    pageCount,
    firstUri: uri(1),
    lastUri: uri(pageCount),
    selfUri: uri(pageNumber),
    ...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
    ...(pageNumber > 1 ? { previousUri: uri(pageNumber - 1) } : {}),
  };
}
