/** Problems found before sending a form, as one alert listing them; nothing when there are none. */
export function ProblemList({ problems, testId }: { problems: string[]; testId?: string }) {
  if (!problems.length) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p className="alert-title">입력값을 확인하세요.</p>
      <ul className="alert-details">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
