import { DestructionRegister } from './DestructionRegister';
import { DestructionRun } from './DestructionRun';
import { DryRunPanel } from './DryRunPanel';
import { LegalHolds } from './LegalHolds';
import { PrivacyLayout } from './PrivacyLayout';

/**
 * 파기 (개인정보 보호법 제21조): what the next run would destroy (미리 보기), a run now (파기 실행, a
 * background job followed here), the register of every destruction (개인정보 파기 대장) and the legal
 * holds that keep a school's or a student's data past its rule (법적 보존).
 */
export function DestructionPage() {
  return (
    <PrivacyLayout title="파기" lead="보존 기간이 지난 개인정보는 매일 자동으로 파기됩니다. 파기할 대상을 미리 보고, 지금 파기하고, 파기 대장을 확인합니다.">
      <DryRunPanel />
      <DestructionRun />
      <DestructionRegister />
      <LegalHolds />
    </PrivacyLayout>
  );
}
