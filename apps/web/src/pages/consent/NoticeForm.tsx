import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { AiService, ConsentNotice, ConsentNoticeInput } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, SubmitButton, TextAreaField } from '../../components/fields';
import { FieldError } from '../surveys/FieldError';
import { lines, schoolYearOf, seoulToday } from './consentLabels';
import { consentKeys } from './consentQueries';

const NOTICE_FIELDS = { schoolYear: '학년도', purpose: '수집·이용 목적', dataItems: '수집 항목', retention: '보유 기간', refusalRight: '동의 거부 권리 및 불이익', ethicsGuidance: 'AI 윤리 안내', validUntil: '유효 기간' };

interface Props {
  service: AiService;
  /** The latest version, whose text the form starts from. */
  latest: ConsentNotice | null;
  onPublished: () => void;
}

/**
 * 새 안내문 게시: the next version of the service's notice for a school year. Consents given to an
 * earlier version stop counting; guardians must consent again to this one.
 */
export function NoticeForm({ service, latest, onPublished }: Props) {
  const [schoolYear, setSchoolYear] = useState(String(schoolYearOf(seoulToday())));
  const [purpose, setPurpose] = useState(latest?.purpose ?? '');
  const [items, setItems] = useState((latest?.dataItems ?? service.personalData).join('\n'));
  const [retention, setRetention] = useState(latest?.retention ?? '해당 학년도 종료 시까지');
  const [refusalRight, setRefusalRight] = useState(latest?.refusalRight ?? '');
  const [ethics, setEthics] = useState(latest?.ethicsGuidance ?? '');
  const [validUntil, setValidUntil] = useState('');
  const queryClient = useQueryClient();
  // Consents to earlier versions stop counting: the class lists change too.
  const publish = useMutation({
    mutationFn: (input: ConsentNoticeInput) => api.publishConsentNotice(service.id, input),
    onSuccess: async () => {
      await Promise.all([consentKeys.notices(service.id), consentKeys.eligibility].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      onPublished();
    },
  });
  const { isPending: busy, error } = publish;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ConsentNoticeInput = {
      schoolYear: Number(schoolYear), purpose: purpose.trim(), dataItems: lines(items), retention: retention.trim(), refusalRight: refusalRight.trim(),
      ...(ethics.trim() ? { ethicsGuidance: ethics.trim() } : {}),
      ...(validUntil ? { validUntil } : {}),
    };
    publish.mutate(input);
  };

  return (
    <form className="form-grid notice-form" aria-label={`${service.name} 새 안내문 게시`} onSubmit={submit} data-testid="notice-form">
      <div>
        <InputField id="notice-year" label="학년도" type="number" value={schoolYear} onChange={(e) => setSchoolYear(e.target.value)} required />
        <FieldError error={error} field="schoolYear" />
      </div>
      <div>
        <InputField id="notice-valid-until" label="유효 기간 (선택)" type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} hint="비워 두면 학년도 끝(2월 말일)까지" />
        <FieldError error={error} field="validUntil" />
      </div>
      <div className="field-wide">
        <TextAreaField id="notice-purpose" label="수집·이용 목적" value={purpose} onChange={(e) => setPurpose(e.target.value)} rows={3} required maxLength={2000} />
        <FieldError error={error} field="purpose" />
      </div>
      <div className="field-wide">
        <TextAreaField id="notice-items" label="수집 항목" value={items} onChange={(e) => setItems(e.target.value)} rows={3} required hint="한 줄에 하나씩" />
        <FieldError error={error} field="dataItems" />
      </div>
      <div className="field-wide">
        <InputField id="notice-retention" label="보유 기간" value={retention} onChange={(e) => setRetention(e.target.value)} required maxLength={500} />
        <FieldError error={error} field="retention" />
      </div>
      <div className="field-wide">
        <TextAreaField id="notice-refusal" label="동의 거부 권리 및 불이익" value={refusalRight} onChange={(e) => setRefusalRight(e.target.value)} rows={3} required maxLength={2000} />
        <FieldError error={error} field="refusalRight" />
      </div>
      <div className="field-wide">
        <TextAreaField
          id="notice-ethics"
          label="AI 윤리 안내 (조례 제9조)"
          value={ethics}
          onChange={(e) => setEthics(e.target.value)}
          rows={5}
          maxLength={4000}
          hint="학생·보호자에게 주는 생성형 AI 사용 수칙, 한 줄에 하나씩. 비워 두면 교육청 표준 안내(가이드의 사용 수칙)를 씁니다."
        />
        <FieldError error={error} field="ethicsGuidance" />
      </div>
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="게시 중…" testId="publish-notice">
          새 판 게시
        </SubmitButton>
        {latest && <span className="muted small">게시하면 같은 학년도의 이전 판에 받은 동의는 더 이상 인정되지 않습니다.</span>}
      </div>
      <ErrorMessage error={error} title="안내문을 게시하지 못했습니다." fields={NOTICE_FIELDS} />
    </form>
  );
}
