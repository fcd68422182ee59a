import type { User } from '../../api/models';
import { isAdmin } from '../../roles';

/** The web UI's literacy addresses. */
export const literacyPath = {
  list: '/literacy',
  create: '/literacy/new',
  assessment: (id: number) => `/literacy/${id}`,
  analysis: (id: number, itemId?: string) => `/literacy/${id}/analysis${itemId ? `?item=${encodeURIComponent(itemId)}` : ''}`,
  cityReport: (id: number) => `/literacy/${id}/report`,
  school: (id: number, schoolId: number) => `/literacy/${id}/schools/${schoolId}`,
  class: (id: number, schoolId: number, classNo: number) => `/literacy/${id}/schools/${schoolId}/classes/${classNo}`,
  student: (id: number, studentId: number) => `/literacy/${id}/students/${studentId}`,
  /** 문항 은행: the list (filters in the query), one item's history with `item`. */
  bank: '/literacy/bank',
  bankItem: (grade: number, itemId: string) => `/literacy/bank?grade=${grade}&item=${encodeURIComponent(itemId)}`,
};

/** Where an assessment opens for this user: administrators its overview, principals and teachers their school's report. */
export function assessmentLanding(user: User, id: number): string {
  if (isAdmin(user) || user.schoolId === null) return literacyPath.assessment(id);
  return literacyPath.school(id, user.schoolId);
}

/** Who imports results: administrators and principals (for their own school). */
export const mayImportResults = (user: User): boolean => isAdmin(user) || user.role === 'principal';
