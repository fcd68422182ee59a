import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { schoolYearOf, seoulDate, seoulToday } from '@app/core';
import { CATEGORY_INFO, RETENTION_CATEGORIES, type RetentionCategory } from '../retention/categories';
import type { PolicyPurposeDto, PolicyRetentionDto, PolicyServiceDto, PrivacyPolicyDto } from './privacy-policy.dto';

/** What the platform is for: one line per feature that handles personal data (제30조 제1항 제1호). */
const PURPOSES: PolicyPurposeDto[] = [
  { title: '교직원 계정과 로그인', description: '학교·교육지원청·교육청 담당자의 계정 관리와 본인 확인(성명, 이메일, 교원 번호, 소속, 로그인 기록)' },
  { title: '신나는 AI 교실·선도학교 운영 지원', description: 'AI 교실 현황 관리, 선도·연구학교 공모 신청·심사·지정·평가(담당 교직원 정보, 신청 서류)' },
  { title: '교원 연수와 디지털 배지', description: '연수 이수 기록 관리와 이수 증명(디지털 배지) 발급·검증(성명, 이메일, 교원 번호, 이수 내역)' },
  { title: '실태조사', description: '조례 제6조에 따른 현황·만족도·수요 조사(응답 코드로 익명 응답, 개인을 알아볼 수 있는 정보는 받지 않음)' },
  { title: 'AI·디지털 리터러시 진단', description: '학생별 진단 응답과 점수, 문항 분석·보고서(학생은 학교가 정한 학생 번호로만 관리)' },
  { title: '생성형 AI 이용 보호자 동의', description: '학생의 생성형 AI 서비스 이용에 대한 보호자 동의와 이용 가능 여부 판단(보호자 관계·성명·연락처, 동의 여부, 학생 번호·학년·반·생년월)' },
];

const RIGHTS = [
  '학생과 법정대리인(보호자)은 언제든지 플랫폼이 처리하는 학생의 개인정보를 열람(개인정보 보호법 제35조), 정정·삭제(제36조)하도록, 처리를 정지(제37조)하도록 요구할 수 있습니다. 만 14세 미만 학생의 권리는 법정대리인이 행사합니다.',
  '요구하는 방법: 가정통신문 회신서의 링크(QR 코드)를 열어 「우리 아이 정보 보기·요청」에서 직접 요구하거나, 학생이 다니는 학교(담임 선생님 또는 학교장)에 서면·전화·방문으로 요구할 수 있습니다. 학교에서 받은 요구도 같은 기록으로 남습니다.',
  '요구를 받은 날부터 10일 이내에 학교장이 답하며, 요구와 답변은 기록으로 보관됩니다. 삭제 요구가 받아들여지면 보존 기간이 끝난 정보와 같은 절차로 지체 없이 파기하고 파기 대장에 적습니다.',
  '다른 법령에서 보존하도록 정한 경우 등에는 요구의 전부 또는 일부를 거절할 수 있으며, 이때에는 그 사유와 이의를 제기하는 방법을 알려 드립니다. 생성형 AI 이용 동의는 언제든지 학교에 알려 철회할 수 있습니다.',
];

/** 제31조: the office's privacy officer, reached through its main number and address. */
const CONTACT = {
  officer: '서울특별시교육청 개인정보 보호책임자',
  department: '서울특별시교육청 AI 교육 플랫폼 운영 부서',
  address: '서울특별시 종로구 송월길 48 서울특별시교육청',
  phone: '02-1396',
  note: '학생의 개인정보에 관한 요구와 문의는 먼저 학생이 다니는 학교로 하시면 가장 빠르게 처리됩니다.',
};

/**
 * 개인정보 처리방침 (제30조) built on every request from what the system does: the AI services in the registry
 * with the notices guardians were given, and the retention rules in force. A service stopped or a rule
 * deactivated leaves the policy at once, so the text cannot drift from the system.
 */
@Injectable()
export class PrivacyPolicy {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async document(): Promise<PrivacyPolicyDto> {
    const today = seoulToday();
    const [services, retention, [changed]] = await Promise.all([this.services(today), this.retention(), this.lastChange()]);
    const accessLogs = retention.find((r) => r.category === 'access_logs');
    return {
      title: '서울특별시교육청 AI 교육 플랫폼 개인정보 처리방침',
      effectiveDate: changed?.at ? seoulDate(changed.at) : today,
      controller: '서울특별시교육청',
      purposes: PURPOSES,
      services,
      retention,
      rights: RIGHTS,
      safeguards: [
        '학생은 학교가 정한 학생 번호와 학년·반, 생년월(연·월)로만 관리하며 이름은 저장하지 않습니다.',
        '보호자 동의서 링크, 설문 응답 코드, 계정 활성화 링크는 되돌릴 수 없는 해시로만 보관하고, 비밀번호는 argon2id 방식으로 암호화하여 저장합니다.',
        '접근 권한은 교육청·교육지원청·학교장·교사의 역할과 소속 학교에 따라 필요한 범위로만 부여하며, 계정과 권한의 변경은 감사 기록으로 남깁니다.',
        accessLogs
          ? `개인정보 처리 접속기록은 위·변조를 확인할 수 있게 연결된 형태로 ${accessLogs.keepMonths}개월 보관하며 정기적으로 점검합니다.`
          : '개인정보 처리 접속기록은 위·변조를 확인할 수 있게 연결된 형태로 보관하며 정기적으로 점검합니다.',
        '보존 기간이 지난 개인정보는 지체 없이 파기하고, 파기한 항목·건수·일시를 파기 대장에 기록합니다.',
      ],
      contact: CONTACT,
    };
  }

  /** Every active service, with the newest notice of this school year published so far. */
  private async services(today: string): Promise<PolicyServiceDto[]> {
    const rows = await this.ds.query(
      `SELECT a.name, a.provider, a.personal_data AS "personalData", a.min_age AS "minAge", a.consent_under_age AS "consentUnderAge", a.allowed_levels AS "allowedLevels",
              CASE WHEN n.id IS NOT NULL THEN json_build_object('schoolYear', n.school_year, 'version', n.version, 'purpose', n.purpose, 'dataItems', n.data_items, 'retention', n.retention) END AS notice
       FROM ai_services a
       LEFT JOIN LATERAL (
         SELECT * FROM consent_notices n WHERE n.service_id = a.id AND n.school_year = $1 AND n.published_at <= now()
           AND (n.valid_until IS NULL OR n.valid_until >= $2::date)
         ORDER BY n.version DESC LIMIT 1
       ) n ON TRUE
       WHERE a.active ORDER BY a.name`,
      [schoolYearOf(today), today],
    );
    return rows;
  }

  private async retention(): Promise<PolicyRetentionDto[]> {
    const rows: Omit<PolicyRetentionDto, 'basis'>[] = await this.ds.query(
      `SELECT category, description, keep_months AS "keepMonths", method, legal_basis AS "legalBasis" FROM retention_rules WHERE active`,
    );
    return rows
      .sort((a, b) => rank(a.category) - rank(b.category))
      .map((r) => ({ category: r.category, description: r.description, keepMonths: r.keepMonths, basis: CATEGORY_INFO[r.category as RetentionCategory]?.basis ?? '', method: r.method, legalBasis: r.legalBasis }));
  }

  /** The newest change among the policy's sources: a rule's change, a service's registration or change, a notice. */
  private lastChange(): Promise<{ at: string | null }[]> {
    return this.ds.query(
      `SELECT greatest(
         (SELECT max(greatest(updated_at, created_at, approved_at)) FROM retention_rules),
         (SELECT max(created_at) FROM ai_services),
         (SELECT max(at) FROM audit_log WHERE entity_type = 'ai_service'),
         (SELECT max(published_at) FROM consent_notices WHERE published_at <= now())
       ) AS at`,
    );
  }
}

/** The schedule's own order of categories. */
const rank = (category: string): number => {
  const i = (RETENTION_CATEGORIES as readonly string[]).indexOf(category);
  return i === -1 ? RETENTION_CATEGORIES.length : i;
};
