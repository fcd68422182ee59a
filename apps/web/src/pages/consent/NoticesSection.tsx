import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AiService } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../labels';
import { consentQueries } from './consentQueries';
import { NoticeForm } from './NoticeForm';
import { NoticeText } from './NoticeText';

/**
 * A service's consent notices, newest first: each version's full text, and the form to publish the
 * next version (which starts from the latest text).
 */
export function NoticesSection({ service }: { service: AiService }) {
  const notices = useQuery(consentQueries.notices(service.id));
  const [publishing, setPublishing] = useState(false);
  const latest = notices.data?.[0] ?? null;

  return (
    <section className="panel" aria-labelledby="notices-heading" data-testid="notices">
      <div className="panel-head">
        <h2 id="notices-heading">{service.name} 동의 안내문</h2>
        {!publishing && notices.data && (
          <button type="button" className="button button-small button-primary" onClick={() => setPublishing(true)} data-testid="new-notice">
            새 안내문 게시
          </button>
        )}
      </div>
      {publishing && (
        <NoticeForm
          service={service}
          latest={latest}
          onPublished={() => setPublishing(false)}
        />
      )}
      <ErrorMessage error={notices.error} title="안내문을 불러오지 못했습니다." />
      {notices.isPending && <Loading />}
      {notices.data && notices.data.length === 0 && <p className="empty">게시된 안내문이 없습니다. 안내문이 없으면 동의를 받을 수 없고, 동의가 필요한 학생은 사용할 수 없습니다.</p>}
      {notices.data && notices.data.length > 0 && (
        <ol className="notice-versions" data-testid="notice-versions">
          {notices.data.map((n, i) => (
            <li key={n.id} data-testid={`notice-${n.schoolYear}-${n.version}`}>
              <details open={i === 0}>
                <summary>
                  <strong>
                    {n.schoolYear}학년도 {n.version}판
                  </strong>{' '}
                  <span className="muted small">게시 {formatDateTime(n.publishedAt)}</span>
                  {i === 0 && <span className="badge badge-info">최신</span>}
                </summary>
                <NoticeText notice={n} service={service} />
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
