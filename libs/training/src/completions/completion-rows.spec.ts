import type { ParsedTable } from '@app/core';
import { parseCompletionRows } from './completion-rows';

const lookups: Parameters<typeof parseCompletionRows>[1] = {
  courses: [
    { id: 1, code: 'AI-B-101', schoolYear: 2025, creditHours: 15, audience: ['teacher'] },
    { id: 2, code: 'AI-B-101', schoolYear: 2026, creditHours: 15, audience: ['teacher'] },
  ],
  sessions: [],
  schools: [],
};

const table = (completedOn: string): ParsedTable => ({
  encoding: 'utf-8',
  headers: ['participant_id', 'name', 'kind', 'course_code', 'completed_on'],
  rows: [{ rowNumber: 2, values: { participant_id: 'T-1', name: '김하늘', kind: '교원', course_code: 'AI-B-101', completed_on: completedOn } }],
});

/** Only the clock is fake: the import reads "today" from it. */
const clockAt = (iso: string) => jest.useFakeTimers({ now: new Date(iso), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] });

describe('completion rows and Seoul days', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts a completion dated today in Seoul at 00:30, while it is still yesterday in UTC', () => {
    clockAt('2026-06-09T15:30:00Z');
    const { rows, problems } = parseCompletionRows(table('2026-06-10'), lookups, 'reject');
    expect(problems).toEqual([]);
    expect(rows).toEqual([expect.objectContaining({ completedOn: '2026-06-10', courseId: 2 })]);
  });

  it('refuses tomorrow in Seoul at 23:30', () => {
    clockAt('2026-06-10T14:30:00Z');
    expect(parseCompletionRows(table('2026-06-10'), lookups, 'reject').problems).toEqual([]);
    const { problems } = parseCompletionRows(table('2026-06-11'), lookups, 'reject');
    expect(problems).toEqual([expect.objectContaining({ column: 'completed_on', reason: 'is in the future' })]);
  });

  it('takes the course of the school year (from 1 March) the completion falls in', () => {
    expect(parseCompletionRows(table('2026-02-28'), lookups, 'reject', '2026-06-10').rows[0]).toMatchObject({ courseId: 1 });
    expect(parseCompletionRows(table('2026-03-01'), lookups, 'reject', '2026-06-10').rows[0]).toMatchObject({ courseId: 2 });
  });
});
