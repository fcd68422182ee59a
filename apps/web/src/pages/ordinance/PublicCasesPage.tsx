import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SchoolLevel } from '../../api/models';
import type { CaseArea } from '../../api/models/ordinance';
import { ordinanceUrls, practiceApi, type PublicCaseQuery } from '../../api/ordinance';
import { InputField, SelectField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { formatBytes, formatDate } from '../../format';
import { PlainError } from '../surveys/PlainError';
import { CASE_AREA_LABEL, levelLabel, SCHOOL_LEVEL_LABEL } from './ordinanceLabels';
import './ordinance.css';

const PAGE_SIZE = 12;
const ANY = { '': '전체' } as const;

/**
 * 우수사례 갤러리 (조례 제8조): the published cases, for anyone without logging in (a document of its own, respond.html:
 * publicEntry.tsx), searched by school level, area and words. Attachments are plain links to the public route.
 */
export function PublicCasesPage() {
  const [level, setLevel] = useState<SchoolLevel | ''>('');
  const [area, setArea] = useState<CaseArea | ''>('');
  const [words, setWords] = useState('');
  const [q, setQ] = useState<PublicCaseQuery>({ page: 1, pageSize: PAGE_SIZE });
  const cases = useQuery({ queryKey: ['cases', 'public', q], queryFn: () => practiceApi.publicCases(q), placeholderData: keepPreviousData });
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ({ page: 1, pageSize: PAGE_SIZE, level: level || undefined, area: area || undefined, q: words.trim() || undefined });
  };
  const pages = cases.data ? Math.max(1, Math.ceil(cases.data.total / cases.data.pageSize)) : 1;
  return (
    <div className="page ordinance-page public-cases">
      <div className="page-head">
        <p className="breadcrumb">서울특별시교육청 인공지능 교육</p>
        <h1 data-testid="gallery-title">AI 교육 우수사례</h1>
        <p className="muted">학교와 교육지원청이 나누는 인공지능 교육 우수사례입니다(서울특별시교육청 인공지능 교육 지원 조례 제8조).</p>
      </div>
      <form className="panel form-grid" role="search" aria-label="우수사례 찾기" onSubmit={search} data-testid="gallery-search">
        <SelectField id="gallery-level" label="학교급" value={level} options={{ ...ANY, ...SCHOOL_LEVEL_LABEL }} onChange={setLevel} />
        <SelectField id="gallery-area" label="영역" value={area} options={{ ...ANY, ...CASE_AREA_LABEL }} onChange={setArea} />
        <InputField id="gallery-q" label="검색어" type="search" value={words} onChange={(e) => setWords(e.target.value)} maxLength={100} placeholder="제목이나 내용의 낱말" />
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="gallery-submit">
            검색
          </button>
        </div>
      </form>
      <PlainError error={cases.error} title="우수사례를 불러오지 못했습니다." />
      {cases.isPending && <Loading />}
      {cases.data && (
        <p className="muted small" role="status" data-testid="gallery-total">
          {cases.data.total}건
        </p>
      )}
      {cases.data && cases.data.items.length === 0 && <p className="empty">조건에 맞는 공개 사례가 없습니다.</p>}
      {cases.data && cases.data.items.length > 0 && (
        <ul className="case-gallery" data-testid="gallery">
          {cases.data.items.map((c) => (
            <li key={c.id} className="panel case-card" data-testid="gallery-case" data-id={c.id}>
              <p className="case-tags">
                <span className="badge badge-info">{levelLabel(c.schoolLevel)}</span> <span className="badge">{CASE_AREA_LABEL[c.area]}</span>
                {c.designationTypeName && <span className="badge badge-ok">{c.designationTypeName}</span>}
              </p>
              <h2 className="case-title">{c.title}</h2>
              <p className="small muted">
                {[c.schoolName, c.districtOfficeName, c.clubName].filter(Boolean).join(' · ') || '서울특별시교육청'} · {formatDate(c.publishedAt)} 공개
              </p>
              <details>
                <summary>내용 보기</summary>
                <p className="pre-line">{c.description}</p>
              </details>
              {c.attachments.length > 0 && (
                <ul className="attachment-list small">
                  {c.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={ordinanceUrls.publicCaseAttachment(c.id, a.id)} download>
                        {a.filename}
                      </a>{' '}
                      <span className="muted">({formatBytes(a.byteSize)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {cases.data && pages > 1 && (
        <nav className="pagination" aria-label="쪽 이동">
          <button type="button" className="button button-small" disabled={(q.page ?? 1) <= 1} onClick={() => setQ({ ...q, page: (q.page ?? 1) - 1 })}>
            이전
          </button>
          <span className="small">
            {q.page ?? 1} / {pages}
          </span>
          <button type="button" className="button button-small" disabled={(q.page ?? 1) >= pages} onClick={() => setQ({ ...q, page: (q.page ?? 1) + 1 })}>
            다음
          </button>
        </nav>
      )}
    </div>
  );
}
