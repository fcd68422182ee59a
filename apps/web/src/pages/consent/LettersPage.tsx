import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import type { LetterInput, User } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/fields';
import { isAdmin } from '../../roles';
import { ClassForm } from './ClassForm';
import { ConsentLayout } from './ConsentLayout';
import { consentPaths, yearOfSchooling } from './consentLabels';
import { consentKeys } from './consentQueries';
import { LetterList } from './LetterList';
import { SchoolChooser } from './SchoolChooser';
import { choiceQuery, useAiServices, useClassChoice, useSchool, type ClassChoice } from './useClassChoice';

const LETTER_MESSAGES = {
  EMPTY_CLASS: '이 학급의 명단에 학생이 없습니다. 학급 명단에 학생을 먼저 추가하세요.',
  NO_NOTICE: '이 서비스에 지금 유효한 동의 안내문이 없습니다. 교육청이 안내문을 먼저 게시해야 합니다.',
};

const LETTER_FIELDS = { secondGuardianAfterDays: '보호자 2 안내까지 기다리는 날', linkValidDays: '링크 유효 기간', classNo: '반' };

/**
 * 가정통신문: make a home letter for a class (the notice in force, a return slip with a one-time web
 * link per student) and open it to print; the school's letters with how many were sent, opened and
 * answered.
 */
export function LettersPage({ user }: { user: User }) {
  const [choice, setChoice] = useClassChoice(user);
  const school = useSchool(choice.schoolId);
  const services = useAiServices();
  const [secondAfter, setSecondAfter] = useState('3');
  const [validDays, setValidDays] = useState('14');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const letter = useMutation({
    mutationFn: (input: LetterInput) => api.createLetter(input),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: consentKeys.letters });
      void navigate(consentPaths.letter(created.id));
    },
  });
  const { isPending: busy, error } = letter;

  const create = (next: Partial<ClassChoice>) => {
    const s = school.data;
    if (!s || !next.grade || !next.classNo || !next.serviceId) return;
    letter.mutate({
      schoolId: s.id, grade: yearOfSchooling(s.level, next.grade), classNo: next.classNo, serviceId: next.serviceId,
      secondGuardianAfterDays: Number(secondAfter), linkValidDays: Number(validDays),
    });
  };

  return (
    <ConsentLayout user={user} title="가정통신문" lead="학급별 동의 안내 가정통신문을 만들어 인쇄합니다. 회신서마다 보호자가 휴대전화로 답할 수 있는 1회용 링크가 있습니다.">
      <section className="panel" aria-labelledby="new-letter-heading">
        <h2 id="new-letter-heading">가정통신문 만들기</h2>
        <SchoolChooser user={user} school={school.data ?? null} onChoose={(schoolId) => setChoice({ schoolId, grade: null, classNo: null })} />
        <ErrorMessage error={school.error ?? services.error} title="학교 또는 서비스 목록을 불러오지 못했습니다." />
        {services.data && school.data && (
          <ClassForm key={`${school.data.id}${choiceQuery(choice)}`} school={school.data} services={services.data} choice={choice} onSubmit={create} submitLabel="만들기" busy={busy} testId="letter-form">
            <InputField id="letter-second" label="보호자 2 안내 (미회신 며칠 뒤)" type="number" value={secondAfter} onChange={(e) => setSecondAfter(e.target.value)} required />
            <InputField id="letter-valid" label="링크 유효 기간 (일)" type="number" value={validDays} onChange={(e) => setValidDays(e.target.value)} required />
          </ClassForm>
        )}
        <ErrorMessage error={error} title="가정통신문을 만들지 못했습니다." messages={LETTER_MESSAGES} fields={LETTER_FIELDS} />
      </section>
      {(school.data || (isAdmin(user) && !choice.schoolId)) && <LetterList schoolId={choice.schoolId} showSchool={isAdmin(user)} />}
    </ConsentLayout>
  );
}
