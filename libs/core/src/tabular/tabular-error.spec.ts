import { CellProblem, importRejected, TabularFormatError } from './tabular-error';

describe('TabularFormatError.fromProblems', () => {
  it('is an Error with a name the logs can show', () => {
    const err = TabularFormatError.fromProblems([{ row: 2, reason: 'x' }]);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('TabularFormatError');
    expect(err.message).toBe('the file cannot be imported: row 2: x');
  });

  it('names the column when there is one', () => {
    const err = TabularFormatError.fromProblems([{ row: 1, column: '학교명', reason: 'required column is missing' }], 'missing');
    expect(err.message).toBe("missing: row 1, column '학교명': required column is missing");
  });

  it('bounds the problem list but keeps the total in the message', () => {
    const problems: CellProblem[] = Array.from({ length: 100_000 }, (_, i) => ({ row: i + 2, reason: 'bad' }));
    const err = TabularFormatError.fromProblems(problems);
    expect(err.problems).toHaveLength(1000);
    expect(err.problems[0]).toEqual({ row: 2, reason: 'bad' });
    expect(err.message).toBe(
      'the file has 100000 problems: row 2: bad; row 3: bad; row 4: bad; row 5: bad; row 6: bad (and 99995 more)',
    );
  });

  it('sends back only an excerpt of a long column name or quoted value', () => {
    const long = '가'.repeat(10_000);
    const err = TabularFormatError.fromProblems([{ row: 1, column: long, reason: `bad value '${long}'` }]);
    expect(err.problems).toEqual([{ row: 1, column: `${'가'.repeat(40)}…`, reason: `bad value '${'가'.repeat(40)}…'` }]);
    expect(err.message.length).toBeLessThan(200);
    const rejected = importRejected([{ row: 2, column: long, reason: 'x'.repeat(10_000) }]);
    expect(rejected.details).toEqual([{ row: 2, column: `${'가'.repeat(40)}…`, reason: `${'x'.repeat(300)}…` }]);
  });
});
