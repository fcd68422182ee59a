import { api } from '../../api';
import type { AiService, School, SlipImportResult, User } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { countText, ImportDone, ImportForm, ImportRejected, type ImportFact, type ReasonRule } from '../../components/FileImport';
import { useFileInput } from '../../components/fields';
import { Link } from 'react-router';
import { ClassForm } from './ClassForm';
import { ConsentLayout } from './ConsentLayout';
import { consentPaths, GRADES_IN_LEVEL } from './consentLabels';
import { useConsentChange } from './ConsentRecordForm';
import { SchoolChooser } from './SchoolChooser';
import { choiceQuery, useAiServices, useClassChoice, useSchool } from './useClassChoice';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const IMPORT_MESSAGES = {
  INVALID_FILE: '파일을 읽을 수 없습니다. CSV(UTF-8 또는 CP949) 또는 XLSX 파일인지 확인하세요.',
  EMPTY_FILE: '학생이 한 명도 없는 파일입니다.',
  NO_NOTICE: '이 서비스에 게시된 동의 안내문이 없습니다.',
  PAYLOAD_TOO_LARGE: '파일이 너무 큽니다.',
};

/** The server's reasons for the slip file, in Korean. */
const SLIP_REASONS: ReasonRule[] = [
  [/^a student id uses letters/, () => '학생ID는 영문·숫자·_ . - 로 40자까지 씁니다(이름은 쓰지 않습니다).'],
  [/^the same student appears on row (\d+)$/, (r) => `${r}행과 같은 학생입니다.`],
  [/^the grade must be a whole number from 1 to (\d+)$/, (n) => `학년은 1~${n}의 정수여야 합니다(학교급 안의 학년, 예: 중2 = 2).`],
  [/^the class must be a whole number from 1 to 99$/, () => '반은 1~99의 정수여야 합니다.'],
  [/^write the birth year and month as YYYY-MM$/, () => '생년월은 YYYY-MM(예: 2011-05)으로 씁니다.'],
  [/^동의 or 미동의/, () => '동의 또는 미동의로 씁니다(회신서가 아직 오지 않았으면 비워 둡니다).'],
  [/^the guardian's relationship is needed with a decision/, () => '동의 여부를 적었으면 보호자 관계(부, 모, 법정대리인, 기타 보호자)도 적어야 합니다.'],
  [/^'(.*)' is not one of 부, 모/, (v) => `'${v}'은(는) 부, 모, 법정대리인(후견인 등), 기타 보호자 중 하나가 아닙니다.`],
  [/^서면 or 기타$/, () => '서면 또는 기타로 씁니다.'],
  [/^the date the slip came back, YYYY-MM-DD$/, () => '회신서를 받은 날을 YYYY-MM-DD로 씁니다.'],
  [/^no consent notice of this service was in force on that day$/, () => '그날 유효한 이 서비스의 동의 안내문이 없습니다.'],
  [/^required column is missing/, () => '필수 열이 없습니다.'],
  [/^file is empty$/, () => '빈 파일입니다.'],
];

const RESULT_FACTS: ImportFact<SlipImportResult>[] = [
  ['파일의 학생', 'import-received', (r) => countText(r.received)],
  ['동의 여부 기록', 'import-recorded', (r) => countText(r.recorded)],
  ['명단만 저장(미회신)', 'import-roster-only', (r) => countText(r.rosterOnly)],
];

/** The import's columns are already the file's Korean headers. */
const columnLabel = (column: string | undefined) => column ?? '(행 전체)';

/**
 * 동의 회신 일괄 등록: the class roster with the returned slips (CSV/XLSX) for one school and service.
 * All or nothing: one bad cell and nothing is recorded, with every bad row and column listed.
 */
export function SlipImportPage({ user }: { user: User }) {
  const [choice, setChoice] = useClassChoice(user);
  const school = useSchool(choice.schoolId);
  const services = useAiServices();
  const service = services.data?.find((s) => s.id === choice.serviceId) ?? null;

  return (
    <ConsentLayout user={user} title="동의 회신 일괄 등록" lead="돌아온 가정통신문 회신서를 학급 명단 파일로 정리해 한 번에 등록합니다. 동의 여부가 빈 행은 명단만 저장합니다.">
      <section className="panel" aria-label="학교와 서비스 고르기">
        <SchoolChooser user={user} school={school.data ?? null} onChoose={(schoolId) => setChoice({ schoolId })} />
        <ErrorMessage error={school.error ?? services.error} title="학교 또는 서비스 목록을 불러오지 못했습니다." />
        {services.data && school.data && (
          <ClassForm key={`${school.data.id}${choiceQuery(choice)}`} school={school.data} services={services.data} choice={choice} onSubmit={setChoice} withClass={false} submitLabel="이 서비스로 등록" />
        )}
      </section>
      {school.data && service && <SlipImportPanel key={`${school.data.id}/${service.id}`} school={school.data} service={service} />}
    </ConsentLayout>
  );
}

function SlipImportPanel({ school, service }: { school: School; service: AiService }) {
  const input = useFileInput();
  // The roster, the decisions and so the class lists change.
  const upload = useConsentChange((file: File) => api.importConsentSlips(school.id, service.id, file));
  const { isPending: busy, error, data: result } = upload;
  const submit = (file: File) => upload.mutate(file, { onSuccess: input.clear });

  return (
    <section className="panel" aria-labelledby="import-heading" id="import">
      <h2 id="import-heading">
        {school.name} · {service.name} 회신서 올리기
      </h2>
      <ImportForm
        label="동의 회신서 파일 올리기"
        input={input}
        accept={ACCEPT}
        busy={busy}
        onSubmit={submit}
        hint={
          <>
            열: 학생ID, 학년(학교급 안의 학년 1~{GRADES_IN_LEVEL[school.level]}, 예: 중2 = 2), 반, 생년월(YYYY-MM), 동의 여부(동의·미동의, 미회신은 빈칸), 보호자 관계(예:
            모), 확인 방법(서면·기타, 빈칸은 서면), 확인일(YYYY-MM-DD). 학생ID·학년·반은 필수입니다. UTF-8·CP949 CSV와 XLSX를 읽습니다.
          </>
        }
      />
      <ImportRejected error={error} messages={IMPORT_MESSAGES} title="회신서를 등록하지 못했습니다." columnLabel={columnLabel} reasons={SLIP_REASONS} />
      {result && (
        <ImportDone result={result} facts={RESULT_FACTS}>
          <p>
            <Link to={`${consentPaths.classes}${choiceQuery({ schoolId: school.id, serviceId: service.id })}`}>학급 명단과 동의 현황</Link>에서 학급별 사용 가능 여부를 확인하세요.
          </p>
        </ImportDone>
      )}
    </section>
  );
}
