import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import type { SurveyKind, SurveyTemplate } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { SelectField } from '../../components/fields';
import { FormFooter } from './FormFooter';
import { KIND_LABEL } from './surveyLabels';
import { surveyKeys } from './surveyQueries';
import { draftProblems, newTemplate, toDefinition } from './templateDraft';
import { TemplateEditor } from './TemplateEditor';

/** The office's kinds of survey (a school's demand survey is made by its principal). */
const OFFICE_KINDS: Record<Exclude<SurveyKind, 'demand'>, string> = { status: KIND_LABEL.status, satisfaction: KIND_LABEL.satisfaction, ethics: KIND_LABEL.ethics };

export const TEMPLATE_ERRORS = { INVALID_TEMPLATE: '설문 내용에 고칠 곳이 있습니다.' };

/** 새 설문 템플릿 (administrators): sections and questions of every type, with conditions; saved as version 1. */
export function TemplateCreatePage() {
  const [kind, setKind] = useState<Exclude<SurveyKind, 'demand'>>('satisfaction');
  const [draft, setDraft] = useState(newTemplate);
  const [tried, setTried] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const save = useMutation({
    mutationFn: () => api.createSurveyTemplate(kind, toDefinition(draft)),
    onSuccess: (template) => {
      // The campaign form opens on the new template at once, without waiting for the list to be read again.
      queryClient.setQueryData<SurveyTemplate[]>(surveyKeys.templates, (list) => list && [...list, template]);
      void queryClient.invalidateQueries({ queryKey: surveyKeys.templates });
      void navigate(`/surveys/campaigns/new?templateId=${template.id}`);
    },
  });
  const { isPending: busy, error } = save;
  const problems = draftProblems(draft);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!problems.length) save.mutate();
  }

  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<Link to="/surveys">설문</Link>, <Link to="/surveys/templates">설문 템플릿</Link>, '새 템플릿']} />
        <h1>새 설문 템플릿</h1>
        <p className="muted">영역과 문항을 만듭니다. 저장하면 1판이 되고, 설문을 시작할 때 그 판이 고정됩니다. 나중에 고치면 새 판이 생깁니다.</p>
      </div>
      <form aria-label="새 설문 템플릿" onSubmit={submit}>
        <section className="panel" aria-labelledby="template-heading">
          <h2 id="template-heading">설문 내용</h2>
          <div className="form-grid">
            <SelectField id="template-kind" label="설문 종류" options={OFFICE_KINDS} value={kind} onChange={setKind} />
          </div>
          <TemplateEditor draft={draft} onChange={setDraft} />
        </section>
        <FormFooter
          problems={problems}
          tried={tried}
          problemsTestId="template-problems"
          error={error}
          errorTitle="템플릿을 저장하지 못했습니다."
          messages={TEMPLATE_ERRORS}
          busy={busy}
          busyLabel="저장 중…"
          submitLabel="템플릿 저장"
          submitTestId="save-template"
          cancelTo="/surveys/templates"
        />
      </form>
    </div>
  );
}
