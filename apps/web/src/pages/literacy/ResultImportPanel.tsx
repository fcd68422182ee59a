import { api } from '../../api';
import type { Job, LiteracyAssessment, LiteracyImportResult, User } from '../../api/models';
import { countText, ImportDone, ImportForm, ImportRejected, useFileImport, type ImportFact } from '../../components/FileImport';
import { JobProgress } from './JobProgress';
import { resultColumnLabel, RESULT_REASONS } from './literacyLabels';

const ACCEPT = '.csv,.xlsx,.xml,.zip,text/csv,text/xml,application/xml,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const IMPORT_MESSAGES = {
  INVALID_FILE: '파일을 읽을 수 없습니다. CSV(UTF-8 또는 CP949), XLSX, QTI 결과 XML 또는 ZIP 파일인지 확인하세요.',
  BAD_FILE: 'QTI 결과 파일을 읽을 수 없습니다.',
  EMPTY_FILE: '결과가 한 행도 없는 파일입니다.',
  FILE_TYPE_NOT_ALLOWED: 'CSV, XLSX, XML, ZIP 파일만 올릴 수 있습니다.',
};

const FORMAT_LABEL: Record<LiteracyImportResult['format'], string> = { csv: 'CSV', xlsx: 'XLSX', qti: 'QTI 3.0 결과' };

const RESULT_FACTS: ImportFact<LiteracyImportResult>[] = [
  ['파일 형식', 'import-format', (r) => FORMAT_LABEL[r.format] ?? r.format],
  ['학생 수', 'import-received', (r) => countText(r.received)],
  ['새로 등록', 'import-inserted', (r) => countText(r.inserted)],
  ['덮어씀(다시 올린 학생)', 'import-replaced', (r) => countText(r.replaced)],
  ['새 학생 ID', 'import-students-created', (r) => countText(r.studentsCreated)],
];

interface Props {
  user: User;
  assessment: LiteracyAssessment;
  /** After the import (the result counts change) and after the analysis that follows it. */
  onChanged: () => void;
}

/**
 * 결과 가져오기 (administrators; principals for their own school): CSV/XLSX with one row per
 * student and one column per item, or QTI 3.0 results XML (or a ZIP of them). All or nothing;
 * then the analysis job runs, shown until it finishes.
 */
export function ResultImportPanel({ user, assessment, onChanged }: Props) {
  const { input, busy, error, result, job: analysis, submit } = useFileImport({
    upload: (file) => api.importResults(assessment.id, file),
    jobOf: (imported) => imported.analysisJobId,
    fetchJob: api.jobById<Job>,
    onChanged,
  });
  const itemIds = assessment.items.map((i) => i.id).join(', ');
  const principal = user.role === 'principal';

  return (
    <section className="panel" aria-labelledby="import-heading" id="import">
      <h2 id="import-heading">결과 가져오기</h2>
      <p className="muted small">
        CBT 플랫폼에서 내려받은 결과를 올립니다. 한 행이라도 잘못되면 아무것도 가져오지 않고 잘못된 행과 열을 모두 알려 드립니다. 이미 결과가 있는 학생은
        새 결과로 바뀝니다. 가져온 뒤에는 분석이 자동으로 다시 실행됩니다.
        {principal ? ' 학교장은 우리 학교 학생의 결과만 올릴 수 있습니다.' : user.role === 'district_admin' ? ' 관할 교육지원청 학교의 결과만 올릴 수 있습니다.' : ''}
      </p>
      <ImportForm
        label="진단검사 결과 파일 올리기"
        input={input}
        accept={ACCEPT}
        busy={busy}
        onSubmit={(file) => void submit(file)}
        hint={
          <>
            CSV·XLSX: 학생 한 명이 한 행입니다. 필수 열 student_id(학생 ID, 이름 대신 학교가 정한 번호), {principal ? '' : 'school_id 또는 neis_school_code(학교), '}
            grade(학년: 학교급 안의 학년, 예: 중2 = 2), 그리고 문항마다 한 열({itemIds}). 선택 열: class(반), form(검사지){principal ? ', school_id(학교)' : ''}. 정답이
            있는 문항은 고른 선택지, 없는 문항은 점수를 적습니다. UTF-8·CP949를 읽습니다. QTI 3.0 결과 XML(assessmentResult) 또는 그 XML을 묶은 ZIP도 올릴 수
            있습니다.
          </>
        }
      />
      <ImportRejected error={error} messages={IMPORT_MESSAGES} title="결과를 가져오지 못했습니다." columnLabel={resultColumnLabel} reasons={RESULT_REASONS} />
      {result && (
        <ImportDone result={result} facts={RESULT_FACTS}>
          <JobProgress run={analysis.run} label="분석" testId="analysis-job" doneText="분석을 마쳤습니다. 문항 분석과 보고서에 새 결과가 반영되었습니다." />
        </ImportDone>
      )}
    </section>
  );
}
