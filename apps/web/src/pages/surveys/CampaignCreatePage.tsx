import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import type { Audience, CampaignInput, SurveyCampaign, SurveyTemplate } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/fields';
import { LoadingPage } from '../../components/PageFallback';
import { formatDateTime } from '../../labels';
import { officesQuery } from '../../coreQueries';
import { typesQuery } from '../designations/queries';
import { CampaignSettings, defaultSettings, settingsInput, settingsProblems } from './CampaignSettings';
import { FieldError } from './FieldError';
import { FormFooter } from './FormFooter';
import { KIND_LABEL } from './surveyLabels';
import { surveyKeys, surveyQueries } from './surveyQueries';
import { emptyTarget, TargetFields, targetInput } from './TargetFields';

const AUDIENCES: Audience[] = ['school', 'students', 'parents', 'teachers'];

export const CAMPAIGN_ERRORS = { NO_TARGET_SCHOOLS: '조건에 맞는 관할 학교가 없습니다. 대상 조건을 확인하세요.' };

/** Starts a campaign with `start`, then opens it; the templates and the lists of campaigns are read again. */
export function useStartCampaign<V>(start: (input: V) => Promise<SurveyCampaign>) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: start,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: surveyKeys.templates });
      void queryClient.invalidateQueries({ queryKey: surveyKeys.campaigns });
      void navigate(`/surveys/campaigns/${created.id}`);
    },
  });
}

/** 설문 시작 (administrators): a template version, the audience, the target schools and the window. */
export function CampaignCreatePage() {
  const [query] = useSearchParams();
  const templates = useQuery(surveyQueries.templates());
  const offices = useQuery(officesQuery);
  const designationTypes = useQuery(typesQuery);
  const [templateId, setTemplateId] = useState(query.get('templateId') ?? '');
  const [version, setVersion] = useState('');
  const [settings, setSettings] = useState(() => defaultSettings('students'));
  const [target, setTarget] = useState(emptyTarget);
  const [tried, setTried] = useState(false);
  const create = useStartCampaign((input: CampaignInput) => api.createCampaign(input));
  const { isPending: busy, error } = create;

  const officeTemplates = (templates.data ?? []).filter((t) => t.ownerSchoolId === null);
  const template: SurveyTemplate | undefined = officeTemplates.find((t) => String(t.id) === templateId) ?? officeTemplates[0];
  const problems = [...(template ? [] : ['설문 템플릿을 고르세요.']), ...settingsProblems(settings)];
  // A new campaign is named after its template until someone types a title.
  const shownSettings = settings.title || !template ? settings : { ...settings, title: template.title };

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problems.length || !template) return;
    create.mutate({ templateId: template.id, ...(version ? { version: Number(version) } : {}), ...settingsInput(shownSettings), target: targetInput(target) });
  }

  if (!templates.data && !templates.error) return <LoadingPage />;

  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<Link to="/surveys">설문</Link>, '새 설문']} />
        <h1>새 설문 시작</h1>
        <p className="muted">조례 제6조에 따른 실태조사·만족도 조사를 대상 학교에 보냅니다. 시작 일시가 되면 학교장에게 알림이 가고, 응답 코드가 만들어집니다.</p>
      </div>
      <ErrorMessage error={templates.error ?? offices.error ?? designationTypes.error} title="설정에 필요한 정보를 불러오지 못했습니다." />
      {templates.data && officeTemplates.length === 0 && (
        <p className="alert alert-info">
          먼저 <Link to="/surveys/templates/new">설문 템플릿</Link>을 만드세요.
        </p>
      )}
      <form aria-label="새 설문" onSubmit={submit}>
        <section className="panel" aria-labelledby="campaign-template-heading">
          <h2 id="campaign-template-heading">설문 템플릿</h2>
          <div className="form-grid">
            <SelectField
              id="campaign-template"
              label="템플릿"
              wide
              options={Object.fromEntries(officeTemplates.map((t) => [String(t.id), `${t.title} (${KIND_LABEL[t.kind] ?? t.kind})`]))}
              value={template ? String(template.id) : ''}
              onChange={(id) => {
                setTemplateId(id);
                setVersion('');
              }}
            />
            {template && (
              <SelectField
                id="campaign-version"
                label="판(버전)"
                options={{ '': `최신 (${template.latestVersion}판)`, ...Object.fromEntries(template.versions.map((v) => [`v${v.version}`, `${v.version}판 · ${formatDateTime(v.createdAt)}`])) }}
                value={version ? `v${version}` : ''}
                onChange={(v) => setVersion(v.slice(1))}
              />
            )}
          </div>
          <FieldError error={error} field="templateId" />
          <FieldError error={error} field="version" />
        </section>

        <section className="panel" aria-labelledby="campaign-settings-heading">
          <h2 id="campaign-settings-heading">대상과 기간</h2>
          <CampaignSettings value={shownSettings} onChange={setSettings} audiences={AUDIENCES} error={error} />
        </section>

        <section className="panel" aria-labelledby="campaign-target-heading">
          <h2 id="campaign-target-heading">대상 학교</h2>
          <TargetFields value={target} onChange={setTarget} offices={offices.data ?? []} designationTypes={designationTypes.data ?? []} error={error} />
        </section>

        <FormFooter
          problems={problems}
          tried={tried}
          problemsTestId="campaign-problems"
          error={error}
          errorTitle="설문을 시작하지 못했습니다."
          messages={CAMPAIGN_ERRORS}
          busy={busy}
          busyLabel="만드는 중…"
          submitLabel="설문 만들기"
          submitTestId="create-campaign"
          cancelTo="/surveys"
        />
      </form>
    </div>
  );
}
