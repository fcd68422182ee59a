import { useState } from 'react';
import { api } from '../../api';
import type { AiService, User } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { levelList } from '../../labels';
import { ConsentLayout } from './ConsentLayout';
import { NoticesSection } from './NoticesSection';
import { ServiceForm } from './ServiceForm';
import { useAiServices } from './useClassChoice';

/**
 * AI 서비스 관리 (city administrators): the registry of generative-AI services with their age rules,
 * and per service the consent notices (안내문) with their versions.
 */
export function ServicesPage({ user }: { user: User }) {
  const services = useAiServices();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const saved = (service: AiService) => {
    setEditing(null);
    setOpen(service.id);
  };
  const opened = services.data?.find((s) => s.id === open) ?? null;

  return (
    <ConsentLayout user={user} title="AI 서비스 관리" lead="학생이 직접 사용하는 생성형 AI 서비스와 연령 기준, 서비스별 보호자 동의 안내문(판)을 관리합니다.">
      <section className="panel" aria-labelledby="services-heading">
        <div className="panel-head">
          <h2 id="services-heading">AI 서비스</h2>
          {editing !== 'new' && (
            <button type="button" className="button button-small button-primary" onClick={() => setEditing('new')} data-testid="new-service">
              서비스 등록
            </button>
          )}
        </div>
        {editing === 'new' && <ServiceForm onSaved={saved} onCancel={() => setEditing(null)} />}
        <ErrorMessage error={services.error} title="서비스 목록을 불러오지 못했습니다." />
        {services.isPending && <Loading />}
        {services.data && services.data.length === 0 && <p className="empty">등록된 서비스가 없습니다.</p>}
        {services.data && services.data.length > 0 && (
          <DataTable
            testId="services-table"
            caption="AI 서비스 목록"
            columns={['서비스', '제공자', num('최소 연령'), num('보호자 동의 필요 연령'), '제공되는 개인정보', '허용 학교급', '비고', '상태', '']}
          >
            {services.data.map((s) =>
              editing === s.id ? (
                <tr key={s.id}>
                  <td colSpan={9}>
                    <ServiceForm service={s} onSaved={saved} onCancel={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={s.id} data-testid={`service-${s.name}`}>
                  <th scope="row">{s.name}</th>
                  <td>{s.provider}</td>
                  <td className="num">만 {s.minAge}세</td>
                  <td className="num">{s.consentUnderAge > 0 ? `만 ${s.consentUnderAge}세 미만` : '약관상 없음'}</td>
                  <td>{s.personalData.length ? s.personalData.join(', ') : '없음'}</td>
                  <td>{s.allowedLevels.length ? levelList(s.allowedLevels) : '없음'}</td>
                  <td className="small">{s.notes}</td>
                  <td>{s.active ? <span className="badge badge-ok">사용 중</span> : <span className="badge">중지</span>}</td>
                  <td className="row-actions">
                    <button type="button" className="button button-small" onClick={() => setOpen(s.id)} aria-pressed={open === s.id} aria-label={`${s.name} 안내문`}>
                      안내문
                    </button>
                    <button type="button" className="button button-small button-ghost" onClick={() => setEditing(s.id)} aria-label={`${s.name} 수정`}>
                      수정
                    </button>
                  </td>
                </tr>
              ),
            )}
          </DataTable>
        )}
      </section>
      {opened && <NoticesSection key={opened.id} service={opened} />}
    </ConsentLayout>
  );
}
