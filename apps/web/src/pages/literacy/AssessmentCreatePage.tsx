import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import type { LiteracyArea, LiteracyAssessmentInput, LiteracyPhase } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { currentSchoolYear } from '../../components/ClubSection';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, SelectField, SubmitButton } from '../../components/fields';
import { LoadingPage } from '../../components/PageFallback';
import { CutScoreFields, cutScoreRows, cutScoresOf, DEFAULT_CUT_SCORES } from './CutScoreFields';
import { FieldProblems } from './FieldProblems';
import { GRADE_OPTIONS, PHASE_LABEL } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { literacyKeys, literacyQueries } from './literacyQueries';
import { itemInput, ItemsEditor, newItemRow, type ItemRow } from './ItemsEditor';

/** Korean names of the form's fields in the error summary. */
const FIELDS = { name: '검사명', schoolYear: '학년도', phase: '구분', grade: '대상 학년', items: '문항', cutScores: '성취수준 기준', id: 'ID', area: '영역', key: '정답', options: '선택지', maxScore: '만점', type: '유형', level: '수준', min: '최저 점수' };

const MESSAGES = { DUPLICATE: '같은 학년도·구분·학년에 같은 이름의 진단검사가 이미 있습니다.' };

/** 새 진단검사 (city administrators): name, year, phase, grade, the items with keys, and the cut scores. */
export function AssessmentCreatePage() {
  const areas = useQuery(literacyQueries.areas());
  if (!areas.data) {
    return areas.error ? <ErrorMessage error={areas.error} title="역량 영역을 불러오지 못했습니다." /> : <LoadingPage />;
  }
  return <CreateForm areas={areas.data} />;
}

function CreateForm({ areas }: { areas: LiteracyArea[] }) {
  const [name, setName] = useState('');
  const [schoolYear, setSchoolYear] = useState(String(currentSchoolYear()));
  const [phase, setPhase] = useState<LiteracyPhase>('pilot');
  const [grade, setGrade] = useState('g5');
  const [items, setItems] = useState<ItemRow[]>(() => [newItemRow(undefined, areas[0]?.code ?? '')]);
  const [cuts, setCuts] = useState(() => cutScoreRows(DEFAULT_CUT_SCORES));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (input: LiteracyAssessmentInput) => api.createAssessment(input),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: literacyKeys.assessments });
      void navigate(literacyPath.assessment(created.id));
    },
  });
  const { isPending: busy, error } = create;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      name: name.trim(),
      schoolYear: Number(schoolYear),
      phase,
      grade: Number(grade.slice(1)),
      items: items.map(itemInput),
      cutScores: cutScoresOf(cuts),
    });
  }

  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<Link to={literacyPath.list}>진단검사</Link>, '새 진단검사']} />
        <h1>새 진단검사 만들기</h1>
        <p className="muted">학년 하나의 예비검사 또는 본검사를 만듭니다. 문항별 영역과 정답, 성취수준 기준을 정하면 결과를 가져와 분석할 수 있습니다.</p>
      </div>
      <form aria-label="새 진단검사" onSubmit={submit} data-testid="assessment-form">
        <section className="panel" aria-labelledby="basic-heading">
          <h2 id="basic-heading">기본 정보</h2>
          <div className="form-grid">
            <div className="field-wide">
              <InputField id="assessment-name" label="검사명" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} placeholder="예: 2026 AI·디지털 리터러시 진단검사 (예비)" />
              <FieldProblems error={error} field="name" />
            </div>
            <div>
              <InputField id="assessment-year" label="학년도" type="number" min={2020} max={2100} value={schoolYear} onChange={(e) => setSchoolYear(e.target.value)} required />
              <FieldProblems error={error} field="schoolYear" />
            </div>
            <SelectField id="assessment-phase" label="구분" value={phase} options={PHASE_LABEL} onChange={setPhase} />
            <div>
              <SelectField id="assessment-grade" label="대상 학년" value={grade} options={GRADE_OPTIONS} onChange={setGrade} />
              <FieldProblems error={error} field="grade" />
            </div>
          </div>
        </section>
        <section className="panel" aria-labelledby="items-heading">
          <h2 id="items-heading">문항</h2>
          <ItemsEditor rows={items} onChange={setItems} areas={areas} error={error} />
        </section>
        <section className="panel" aria-labelledby="cuts-heading">
          <h2 id="cuts-heading">성취수준 기준</h2>
          <p className="muted small">점수는 만점을 100점으로 환산한 값입니다. 첫 수준의 최저 점수보다 낮으면 수준이 매겨지지 않습니다.</p>
          <CutScoreFields rows={cuts} onChange={setCuts} error={error} />
        </section>
        <ErrorMessage error={error} title="진단검사를 만들지 못했습니다." messages={MESSAGES} fields={FIELDS} testId="create-error" />
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="만드는 중…" testId="create-assessment">
            진단검사 만들기
          </SubmitButton>
          <Link to={literacyPath.list} className="button button-ghost">
            취소
          </Link>
        </div>
      </form>
    </div>
  );
}
