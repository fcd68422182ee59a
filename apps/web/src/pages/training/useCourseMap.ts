import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TrainingCourse } from '../../api/models';
import { coursesQuery } from './queries';

/** Course code → the newest course with that code (for titles); empty until loaded or if loading fails. */
export function useCourseMap(): Map<string, TrainingCourse> {
  const { data: list } = useQuery(coursesQuery());
  return useMemo(() => {
    const map = new Map<string, TrainingCourse>();
    // The list is newest school year first: keep the first of each code.
    for (const c of list ?? []) if (!map.has(c.code)) map.set(c.code, c);
    return map;
  }, [list]);
}
