import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it
 * collects again, in percent (issue 16: the api's RSS ≤ 300 MB under every benchmark).
 *
 * With a heap limit of 2 GB or more (V8's default on any machine with 16 GB of memory or more)
 * V8 allows up to 4× the live size between full collections. The api's live heap is ~60 MB, and
 * under load (100 connections on the school list) the requests' promoted garbage filled the old
 * generation to ~240 MB before the first mark-compact: RSS 350–390 MB, then back to ~220 MB
 * (bench/api-memory.ts). At 2× (100 %) the same load peaks at ~250 MB, for more frequent but
 * short full collections (~0.1 s for 60 MB live). V8 reads the flag at every collection, so
 * setting it once at start is enough; a heap limit under 2 GB (a container's) already gives
 * about this factor or less.
 */
export const HEAP_GROWING_PERCENT = 100;

export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
