import type { ReactNode } from 'react';

interface Props {
  label: string;
  value: ReactNode;
  unit?: string;
  note?: ReactNode;
  testId?: string;
  tone?: 'default' | 'warning';
}

export function StatCard({ label, value, unit, note, testId, tone = 'default' }: Props) {
  return (
    <div className={`stat-card stat-${tone}`}>
      <p className="stat-label">{label}</p>
      <p className="stat-value">
        <strong data-testid={testId}>{value}</strong>
        {unit && <span className="stat-unit">{unit}</span>}
      </p>
      {note && <p className="stat-note">{note}</p>}
    </div>
  );
}
