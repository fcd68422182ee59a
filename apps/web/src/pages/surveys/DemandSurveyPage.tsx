import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { Audience, SurveyDefinition, User } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { Link } from 'react-router';
import { CAMPAIGN_ERRORS, useStartCampaign } from './CampaignCreatePage';
import { CampaignSettings, defaultSettings, settingsInput, settingsProblems } from './CampaignSettings';
import { FormFooter } from './FormFooter';
import { TEMPLATE_ERRORS } from './TemplateCreatePage';
import { draftProblems, newTemplate, toDefinition } from './templateDraft';
import { TemplateEditor } from './TemplateEditor';

/** A school's demand survey asks its students and parents (조례 제6조). */
const DEMAND_AUDIENCES: Audience[] = ['parents', 'students'];

/**
 * 수요조사 만들기 (principals): their own questions as a demand-survey template, then a campaign for
 * their own school only. Its results are the school's and its office's.
 */
export function DemandSurveyPage({ user }: { user: User }) {
  const [draft, setDraft] = useState(newTemplate);
  const [settings, setSettings] = useState(() => defaultSettings('parents'));
  const [tried, setTried] = useState(false);
  const start = useStartCampaign(async (schoolId: number) => {
    const id = await templateId(toDefinition(draft));
    return api.createCampaign({ templateId: id, ...settingsInput(shownSettings), target: { schoolIds: [schoolId] } });
  });
  const { isPending: busy, error } = start;
  // The template saved by an earlier try whose campaign failed: sent again only as a new version.
  const saved = useRef<{ id: number; json: string } | null>(null);
  // The campaign is named after the survey until someone types another title.
  const shownSettings = settings.title ? settings : { ...settings, title: draft.title };
  const problems = [...draftProblems(draft), ...settingsProblems(shownSettings)];

  async function templateId(definition: SurveyDefinition): Promise<number> {
    const json = JSON.stringify(definition);
    if (saved.current?.json === json) return saved.current.id;
    const template = saved.current ? await api.updateSurveyTemplate(saved.current.id, definition) : await api.createSurveyTemplate('demand', definition);
    saved.current = { id: template.id, json };
    return template.id;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problems.length || user.schoolId === null) return;
    start.mutate(user.schoolId);
  }

  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<Link to="/surveys">우리 학교 설문</Link>, '수요조사 만들기']} />
        <h1>수요조사 만들기</h1>
        <p className="muted">우리 학교 학생·학부모에게 AI 교육 수요를 묻습니다. 결과는 우리 학교와 관할 교육지원청만 봅니다. 시작하면 응답 코드를 발급해 나눠 주세요.</p>
      </div>
      <form aria-label="수요조사 만들기" onSubmit={submit}>
        <section className="panel" aria-labelledby="demand-questions-heading">
          <h2 id="demand-questions-heading">문항</h2>
          <TemplateEditor draft={draft} onChange={setDraft} />
        </section>
        <section className="panel" aria-labelledby="demand-settings-heading">
          <h2 id="demand-settings-heading">대상과 기간</h2>
          <CampaignSettings value={shownSettings} onChange={setSettings} audiences={DEMAND_AUDIENCES} error={error} />
        </section>
        <FormFooter
          problems={problems}
          tried={tried}
          problemsTestId="demand-problems"
          error={error}
          errorTitle="수요조사를 시작하지 못했습니다."
          messages={{ ...TEMPLATE_ERRORS, ...CAMPAIGN_ERRORS }}
          busy={busy}
          busyLabel="만드는 중…"
          submitLabel="수요조사 시작"
          submitTestId="start-demand-survey"
          cancelTo="/surveys"
        />
      </form>
    </div>
  );
}
