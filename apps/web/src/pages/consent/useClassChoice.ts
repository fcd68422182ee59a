import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import type { User } from '../../api/models';
import { isAdmin } from '../../roles';
import { consentQueries } from './consentQueries';

/**
 * The class the consent pages work on, kept in the address (`?school=&grade=&class=&service=&date=`)
 * so that the menu's tabs, a reload and the back button keep it. `grade` is the grade within the
 * school's level (중2 = 2), as teachers say it. School staff always work on their own school.
 */
export interface ClassChoice {
  schoolId: number | null;
  grade: number | null;
  classNo: number | null;
  serviceId: number | null;
  /** The day of the lesson (YYYY-MM-DD); empty for today. */
  date: string;
}

const KEYS: Record<keyof ClassChoice, string> = { schoolId: 'school', grade: 'grade', classNo: 'class', serviceId: 'service', date: 'date' };

const positive = (value: string | null): number | null => (value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : null);

/** The query string of a choice, `?…` or empty. */
export function choiceQuery(choice: Partial<ClassChoice>): string {
  const search = new URLSearchParams();
  for (const [key, name] of Object.entries(KEYS) as [keyof ClassChoice, string][]) {
    const value = choice[key];
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export function useClassChoice(user: User): [ClassChoice, (next: Partial<ClassChoice>) => void] {
  const { pathname, search } = useLocation();
  const [query] = useSearchParams();
  const navigate = useNavigate();
  const choice: ClassChoice = {
    schoolId: isAdmin(user) ? positive(query.get(KEYS.schoolId)) : user.schoolId,
    grade: positive(query.get(KEYS.grade)),
    classNo: positive(query.get(KEYS.classNo)),
    serviceId: positive(query.get(KEYS.serviceId)),
    date: /^\d{4}-\d{2}-\d{2}$/.test(query.get(KEYS.date) ?? '') ? query.get(KEYS.date)! : '',
  };
  const key = choiceQuery(choice);
  const set = useCallback(
    (next: Partial<ClassChoice>) => {
      const to = `${pathname}${choiceQuery({ ...choice, ...next })}`;
      // The same choice again: no new history entry.
      if (to !== pathname + search) void navigate(to);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [pathname, search, key, navigate],
  );
  return [choice, set];
}

/** The chosen school (its name and level); no data before one is chosen. */
export function useSchool(schoolId: number | null) {
  return useQuery({ queryKey: ['school', schoolId], queryFn: () => api.school(schoolId!), enabled: schoolId !== null });
}

/** The AI services registry, active first. */
export function useAiServices() {
  return useQuery(consentQueries.services());
}
