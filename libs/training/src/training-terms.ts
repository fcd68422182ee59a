export const TRAINING_LEVELS = ['basic', 'applied', 'advanced', 'expert'] as const;
export type TrainingLevel = (typeof TRAINING_LEVELS)[number];
export const LEVEL_KO: Record<TrainingLevel, string> = { basic: '기본', applied: '활용', advanced: '심화', expert: '전문가' };
export const LEVEL_EN: Record<TrainingLevel, string> = { basic: 'Basic', applied: 'Applied', advanced: 'Advanced', expert: 'Expert' };

export const DELIVERY_MODES = ['in_person', 'remote', 'blended', 'on_site'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
export const MODE_KO: Record<DeliveryMode, string> = { in_person: '대면', remote: '원격', blended: '혼합', on_site: '찾아가는' };

export const PARTICIPANT_KINDS = ['teacher', 'staff', 'parent'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

const KIND_ALIASES: Record<string, ParticipantKind> = {
  teacher: 'teacher', 교원: 'teacher', 교사: 'teacher',
  staff: 'staff', 직원: 'staff',
  parent: 'parent', 학부모: 'parent',
};

export function parseParticipantKind(raw: string): ParticipantKind | undefined {
  return KIND_ALIASES[raw.trim()];
}
