import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { School, StudentInput } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, Notice, SelectField, SubmitButton } from '../../components/fields';
import { FieldError } from '../surveys/FieldError';
import { classText, gradeOptions, yearOfSchooling } from './consentLabels';
import { useConsentChange } from './ConsentRecordForm';

const STUDENT_FIELDS = { studentCode: '학생 ID', grade: '학년', classNo: '반', birthMonth: '생년월' };

interface Props {
  school: School;
  /** The class shown, as the form's first guess (grade within the level). */
  grade: number | null;
  classNo: number | null;
}

/**
 * 학생 추가: the school's own student id (no names), grade within the school's level (중2 → 2; the
 * API's year of schooling is worked out here), class and birth year-month for the age rules. The
 * same id again updates the student (a new class in a new year).
 */
export function AddStudentForm({ school, grade: shownGrade, classNo: shownClass }: Props) {
  const [code, setCode] = useState('');
  const [grade, setGrade] = useState(String(shownGrade ?? 1));
  const [classNo, setClassNo] = useState(String(shownClass ?? 1));
  const [birthMonth, setBirthMonth] = useState('');
  // The class lists change with the roster.
  const save = useConsentChange((input: StudentInput) => api.saveStudent(input));
  const { isPending: busy, error, data: student } = save;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { schoolId: school.id, studentCode: code.trim(), grade: yearOfSchooling(school.level, Number(grade)), classNo: Number(classNo), ...(birthMonth ? { birthMonth } : {}) };
    save.mutate(input, {
      onSuccess: () => {
        setCode('');
        setBirthMonth('');
      },
    });
  };

  return (
    <section className="panel" aria-labelledby="add-student-heading">
      <h2 id="add-student-heading">학생 추가</h2>
      <p className="muted small">
        이름 대신 학교가 정한 학생 ID를 씁니다. 생년월은 서비스의 최소 연령과 보호자 동의 필요 연령을 확인하는 데 쓰입니다. 이미 있는 학생 ID는 학년·반·생년월이
        바뀝니다.
      </p>
      <form className="form-grid" aria-label="학생 추가" onSubmit={submit} data-testid="add-student-form">
        <div>
          <InputField id="student-code" label="학생 ID" value={code} onChange={(e) => setCode(e.target.value)} maxLength={40} required pattern="[A-Za-z0-9_.\-]{1,40}" hint="영문·숫자·_ . - (40자까지)" />
          <FieldError error={error} field="studentCode" />
        </div>
        <div>
          <SelectField id="student-grade" label="학년" value={grade} options={gradeOptions(school.level)} onChange={setGrade} />
          <FieldError error={error} field="grade" />
        </div>
        <div>
          <InputField id="student-class" label="반" type="number" min={1} max={99} value={classNo} onChange={(e) => setClassNo(e.target.value)} required />
          <FieldError error={error} field="classNo" />
        </div>
        <div>
          <InputField id="student-birth" label="생년월" type="month" value={birthMonth} onChange={(e) => setBirthMonth(e.target.value)} placeholder="YYYY-MM" />
          <FieldError error={error} field="birthMonth" />
        </div>
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="저장 중…" disabled={!code.trim()} testId="add-student">
            명단에 저장
          </SubmitButton>
          <Notice text={student ? `${student.studentCode}을(를) ${classText(student.grade, student.classNo, student.level)} 명단에 저장했습니다.` : null} testId="student-saved" />
        </div>
        <ErrorMessage error={error} title="학생을 저장하지 못했습니다." fields={STUDENT_FIELDS} />
      </form>
    </section>
  );
}
