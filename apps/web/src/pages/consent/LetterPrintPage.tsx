import { formatDate } from '../../labels';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConsentLetter, LetterSlip } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { PageFallback } from '../../components/PageFallback';
import { Link } from 'react-router';
import { PrintedLink } from '../../components/PrintedLink';
import { classText, consentPaths, GUARDIAN_RELATION_LABEL } from './consentLabels';
import { consentQueries } from './consentQueries';
import { NoticeText } from './NoticeText';

/**
 * A home letter to print on A4 (가정통신문): the notice (purpose, items, retention, the right to
 * refuse, the service and its provider, the minimum age), then per student a return slip to cut off,
 * with the student's id, 동의함 / 동의하지 않음 boxes, lines for the guardian's relation and
 * signature, and the slip's one-time web link. Second-guardian slips are marked 보호자 2.
 */
export function LetterPrintPage({ letterId }: { letterId: number }) {
  const letter = useQuery(consentQueries.letter(letterId));
  const [perStudent, setPerStudent] = useState(false);
  const [unansweredOnly, setUnansweredOnly] = useState(false);

  if (!letter.data) {
    return <PageFallback error={letter.error} heading="가정통신문" errorTitle="가정통신문을 불러오지 못했습니다." back={{ to: consentPaths.letters, label: '가정통신문 목록으로' }} />;
  }
  const l = letter.data;
  const klass = `${l.schoolName} ${classText(l.grade, l.classNo, l.schoolLevel)}`;
  const slips = l.slips.filter((s) => !unansweredOnly || s.answeredAt === null);

  return (
    <div className="page letter-page">
      <div className="page-head no-print">
        <Breadcrumb steps={[<Link to={consentPaths.letters}>가정통신문</Link>, `${klass} · ${l.serviceName}`]} />
        <h1>가정통신문 인쇄</h1>
        <p className="muted">
          {klass} · {l.serviceName} · 회신서 {l.slips.length}장. A4 용지에 인쇄한 뒤 회신서를 점선을 따라 잘라 학생 편에 보내세요. 링크는 한 번만 쓸 수 있습니다.
        </p>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={() => window.print()} data-testid="print-letter">
            인쇄
          </button>
          <label className="checkbox" htmlFor="per-student">
            <input id="per-student" type="checkbox" checked={perStudent} onChange={(e) => setPerStudent(e.target.checked)} />
            학생마다 안내문을 붙여 한 장씩
          </label>
          <label className="checkbox" htmlFor="unanswered-only">
            <input id="unanswered-only" type="checkbox" checked={unansweredOnly} onChange={(e) => setUnansweredOnly(e.target.checked)} />
            회신하지 않은 학생만
          </label>
        </div>
      </div>
      {!perStudent && <LetterBody letter={l} klass={klass} />}
      {slips.length === 0 && <p className="empty">인쇄할 회신서가 없습니다.</p>}
      <ol className="letter-slips" data-testid="letter-slips">
        {slips.map((slip) => (
          <li key={`${slip.studentCode}/${slip.guardianNo}`} className={perStudent ? 'letter-unit per-student' : 'letter-unit'}>
            {perStudent && <LetterBody letter={l} klass={klass} />}
            <ReturnSlip letter={l} klass={klass} slip={slip} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function LetterBody({ letter: l, klass }: { letter: ConsentLetter; klass: string }) {
  return (
    <article className="letter-body" data-testid="letter-body">
      <p className="letter-kind">가정통신문</p>
      <h2 className="letter-title">생성형 AI 서비스({l.serviceName}) 이용을 위한 개인정보 수집·이용 동의 안내</h2>
      <p className="letter-class">{klass}</p>
      <p>
        학부모님, 안녕하십니까. 우리 학교는 교사의 지도 아래 수업에서 생성형 AI 서비스를 활용하고자 합니다. 서비스 약관과 개인정보 보호법에 따라{' '}
        만 {Math.max(l.consentUnderAge, 14)}세 미만 학생은 보호자의 동의가 있어야 직접 사용할 수 있어 아래와 같이 안내드리니, 내용을
        읽어 보시고 아래 회신서를 보내 주시거나 회신서의 인터넷 주소에서 답해 주십시오.
      </p>
      <NoticeText notice={l.notice} service={{ name: l.serviceName, provider: l.provider, minAge: l.minAge }} />
      <p className="letter-date">
        {formatDate(l.createdAt)} {l.schoolName}장
      </p>
    </article>
  );
}

function ReturnSlip({ letter: l, klass, slip }: { letter: ConsentLetter; klass: string; slip: LetterSlip }) {
  const second = slip.guardianNo === 2;
  return (
    <section className="return-slip" data-testid="return-slip" aria-label={`${slip.studentCode}${second ? ' 보호자 2' : ''} 회신서`}>
      <p className="cut-line" aria-hidden="true">
        ✂ 자르는 선
      </p>
      <h3 className="slip-heading">
        회신서 · {l.serviceName} 이용 동의
        {second && (
          <span className="slip-second" data-testid="slip-second">
            보호자 2
          </span>
        )}
        {slip.answeredAt && <span className="badge badge-ok no-print">회신함</span>}
        {!slip.answeredAt && slip.openedAt && <span className="badge badge-info no-print">열람함</span>}
      </h3>
      <p>
        {klass} · 학생 ID <strong data-testid="slip-student">{slip.studentCode}</strong> · 안내문 {l.notice.schoolYear}학년도 {l.notice.version}판
      </p>
      <p className="slip-choices">
        <span className="slip-box" aria-hidden="true" /> 동의함
        <span className="slip-box" aria-hidden="true" /> 동의하지 않음
      </p>
      <p className="slip-choices">
        보호자 관계{' '}
        {Object.values(GUARDIAN_RELATION_LABEL).map((relation) => (
          <span key={relation}>
            <span className="slip-box" aria-hidden="true" /> {relation}
          </span>
        ))}
      </p>
      <p className="slip-lines">
        보호자 서명 <span className="slip-line slip-line-long" /> 날짜 <span className="slip-line" />
      </p>
      <div className="slip-web" data-testid="slip-link">
        <PrintedLink
          url={slip.url}
          label={`${slip.studentCode} 회신`}
          note={`휴대전화로 답하기 (1회용, ${formatDate(slip.expiresAt)}까지): QR 코드를 찍거나 주소를 입력하세요. 회신 코드 ${slip.token}`}
        />
      </div>
    </section>
  );
}
