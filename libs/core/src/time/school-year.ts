/** The Korean school year starts on 1 March: February 2026 still belongs to school year 2025. */
export function schoolYearOf(date: Date = new Date(), timeZone = 'Asia/Seoul'): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(date);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  return month >= 3 ? year : year - 1;
}

/** Today in Seoul, as YYYY-MM-DD: terms, reminders and the like count Seoul calendar days. */
export function seoulToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(now);
}
