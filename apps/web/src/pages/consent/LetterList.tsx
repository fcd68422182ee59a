import { formatDate } from '../../labels';
import { useQuery } from '@tanstack/react-query';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Link } from 'react-router';
import { classText, consentPaths } from './consentLabels';
import { consentQueries } from './consentQueries';

interface Props {
  /** One school's letters; every letter in the caller's scope without. */
  schoolId: number | null;
  showSchool: boolean;
}

/**
 * The letters with 발송 (students sent a slip; second-guardian slips beside), 열람 (a link opened)
 * and 회신 (answered on the web or recorded from paper), counted per student.
 */
export function LetterList({ schoolId, showSchool }: Props) {
  const letters = useQuery(consentQueries.letters(schoolId));
  return (
    <section className="panel" aria-labelledby="letters-heading">
      <h2 id="letters-heading">보낸 가정통신문</h2>
      <ErrorMessage error={letters.error} title="가정통신문 목록을 불러오지 못했습니다." />
      {letters.isPending && <Loading />}
      {letters.data && letters.data.length === 0 && <p className="empty">아직 만든 가정통신문이 없습니다.</p>}
      {letters.data && letters.data.length > 0 && (
        <DataTable
          testId="letters-table"
          caption="가정통신문별 발송·열람·회신 현황"
          columns={['만든 날', showSchool && '학교', '학급', 'AI 서비스', num('발송'), num('열람'), num('회신'), num('미회신'), '']}
        >
          {letters.data.map((l) => (
            <tr key={l.id} data-testid={`letter-${l.id}`}>
              <td>{formatDate(l.createdAt)}</td>
              {showSchool && <td>{l.schoolName}</td>}
              <td>{classText(l.grade, l.classNo, l.schoolLevel)}</td>
              <td>
                {l.serviceName} <span className="muted small">({l.noticeVersion}판)</span>
              </td>
              <td className="num" data-testid="letter-sent">
                {l.students}
                {l.secondGuardianSlips > 0 && <span className="muted small"> (+보호자 2: {l.secondGuardianSlips})</span>}
              </td>
              <td className="num" data-testid="letter-opened">
                {l.opened}
              </td>
              <td className="num" data-testid="letter-answered">
                {l.answered}
              </td>
              <td className="num">{l.students - l.answered}</td>
              <td>
                <Link to={consentPaths.letter(l.id)}>인쇄용 보기</Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
