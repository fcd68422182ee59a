import { useMemo } from 'react';
import { api } from '../../api';
import type { TrainingCourse } from '../../types';
import { useAsync } from '../../useAsync';

/** Course code → the newest course with that code (for titles); empty until loaded or if loading fails. */
export function useCourseMap(): Map<string, TrainingCourse> {
  const { data: list } = useAsync(() => api.courses(), []);
  return useMemo(() => {
    const map = new Map<string, TrainingCourse>();
    // The list is newest school year first: keep the first of each code.
    for (const c of list ?? []) if (!map.has(c.code)) map.set(c.code, c);
    return map;
  }, [list]);
}
