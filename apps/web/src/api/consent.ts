import { json, query, upload, V1 } from './client';
import type { AiService, AiServiceInput, ClassEligibility, ClassEligibilityQuery, ConsentHistory, ConsentLetter, ConsentNotice, ConsentNoticeInput, ConsentRecord, ConsentRecordInput, ConsentStudent, GuardianAnswer, GuardianLetter, LetterInput, LetterTracking, SlipImportResult, StudentInput, WithdrawInput } from '../types/consent';

const C = `${V1}/consent`;
const guardianLink = (token: string) => `${C}/respond/${encodeURIComponent(token)}`;

/** 생성형 AI 보호자 동의. */
export const consentApi = {
  aiServices: () => json<{ items: AiService[] }>('GET', `${C}/services`),
  createAiService: (input: AiServiceInput) => json<AiService>('POST', `${C}/services`, input),
  updateAiService: (id: number, input: AiServiceInput) => json<AiService>('PUT', `${C}/services/${id}`, input),
  consentNotices: (serviceId: number) => json<{ items: ConsentNotice[] }>('GET', `${C}/services/${serviceId}/notices`),
  publishConsentNotice: (serviceId: number, input: ConsentNoticeInput) => json<ConsentNotice>('POST', `${C}/services/${serviceId}/notices`, input),
  saveStudent: (input: StudentInput) => json<ConsentStudent>('POST', `${C}/students`, input),
  consentHistory: (studentId: number) => json<ConsentHistory>('GET', `${C}/students/${studentId}/records`),
  recordConsent: (input: ConsentRecordInput) => json<ConsentRecord>('POST', `${C}/records`, input),
  withdrawConsent: (input: WithdrawInput) => json<ConsentRecord>('POST', `${C}/records/withdraw`, input),
  importConsentSlips: (schoolId: number, serviceId: number, file: File) => upload<SlipImportResult>(`${C}/records/import${query({ schoolId, serviceId })}`, file),
  classEligibility: (q: ClassEligibilityQuery) => json<ClassEligibility>('GET', `${C}/eligibility/class${query({ ...q })}`),
  createLetter: (input: LetterInput) => json<ConsentLetter>('POST', `${C}/letters`, input),
  letters: (schoolId?: number) => json<{ items: LetterTracking[] }>('GET', `${C}/letters${query({ schoolId })}`),
  letter: (id: number) => json<ConsentLetter>('GET', `${C}/letters/${id}`),
  guardianLetter: (token: string) => json<GuardianLetter>('GET', guardianLink(token)),
  answerGuardianLetter: (token: string, answer: GuardianAnswer) => json<{ decision: string; decidedAt: string }>('POST', guardianLink(token), answer),
};
