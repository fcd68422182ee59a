/** 우수사례 영역 (조례 제8조): where the practice happened. */
export const CASE_AREAS = ['lesson', 'club', 'community', 'environment', 'other'] as const;
export type CaseArea = (typeof CASE_AREAS)[number];
export const CASE_AREA_KO: Record<CaseArea, string> = { lesson: '수업', club: '동아리', community: '학습공동체', environment: '환경 구축', other: '기타' };

/** submitted (by a principal) → reviewed (by the district office) or returned → published (by the city). */
export const CASE_STATUSES = ['submitted', 'returned', 'reviewed', 'published'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Who or what a commendation (표창, 조례 제10조) is for. */
export const NOMINEE_KINDS = ['teacher', 'school', 'club', 'community'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];
export const NOMINEE_KIND_KO: Record<NomineeKind, string> = { teacher: '교원', school: '학교', club: 'AI 동아리', community: '교원 학습공동체' };

export const COMMENDATION_STATUSES = ['nominated', 'awarded', 'declined'] as const;
export type CommendationStatus = (typeof COMMENDATION_STATUSES)[number];
export const COMMENDATION_STATUS_KO: Record<CommendationStatus, string> = { nominated: '추천', awarded: '표창 결정', declined: '미선정' };

export const EVIDENCE_KINDS = ['designation_evaluation', 'training_badge', 'practice_case'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
