import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { TrainingCourse } from '../../types';

/** Course code → the newest course with that code (for titles); empty until loaded or if loading fails. */
export function useCourseMap(): Map<string, TrainingCourse> {
  const [map, setMap] = useState<Map<string, TrainingCourse>>(new Map());
  useEffect(() => {
    let live = true;
    api.courses().then(
      (list) => {
        if (!live) return;
        const next = new Map<string, TrainingCourse>();
        // The list is newest school year first: keep the first of each code.
        for (const c of list) if (!next.has(c.code)) next.set(c.code, c);
        setMap(next);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return map;
}
