import { useQuery } from '@tanstack/react-query';
import type { LiteracyArea } from '../../api/models';
import { literacyQueries } from './literacyQueries';

export interface Areas {
  /** The area's name; the code itself until the list has loaded. */
  name: (code: string) => string;
  /** The things in the areas' configured order (unknown codes last). */
  sorted: <T>(things: readonly T[], code: (thing: T) => string) => T[];
}

/** The competency areas (GET /literacy/areas), in their configured order. */
export function useAreas(): Areas {
  const { data } = useQuery(literacyQueries.areas());
  const list: LiteracyArea[] = data ?? [];
  const rank = (code: string) => {
    const i = list.findIndex((a) => a.code === code);
    return i < 0 ? list.length : i;
  };
  return {
    name: (code) => list.find((a) => a.code === code)?.name ?? code,
    sorted: (things, code) => [...things].sort((a, b) => rank(code(a)) - rank(code(b))),
  };
}
