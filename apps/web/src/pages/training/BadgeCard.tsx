import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, badgeUrls } from '../../api';
import type { BadgeStatus, EarnedBadge } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SubmitButton, TextAreaField } from '../../components/fields';
import { BADGE_STATUS_LABEL, formatDate, trainingLevel } from '../../labels';
import { Link } from 'react-router';
import { trainingKeys } from './queries';

const STATUS_TONE: Record<BadgeStatus | 'invalid', string> = { valid: 'badge-ok', expired: 'badge-warning', revoked: 'badge-danger', invalid: 'badge-danger' };

/** 유효 / 만료 / 취소 (/ 검증 실패) */
export function BadgeStatusBadge({ status, testId = 'badge-status' }: { status: BadgeStatus | 'invalid'; testId?: string }) {
  return (
    <span className={`badge ${STATUS_TONE[status] ?? ''}`} data-testid={testId} data-status={status}>
      {BADGE_STATUS_LABEL[status] ?? status}
    </span>
  );
}

/** The verification page's full address, the link a teacher shares. */
export const verificationPageUrl = (id: string): string => new URL(badgeUrls.page(id), window.location.origin).href;

/** Copies with the Clipboard API; where it is unavailable (no secure context), the older selection copy. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection copy.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

interface Props {
  badge: EarnedBadge;
  /** City administrators may revoke a badge, with a reason. */
  canRevoke?: boolean;
}

/**
 * One earned badge: its image, status and dates, links to the public verification page and the
 * baked PNG / SVG files (public URLs, plain downloads), and a button copying the share link.
 */
export function BadgeCard({ badge, canRevoke = false }: Props) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [revoking, setRevoking] = useState(false);
  const name = badge.name ?? '연수 이수 배지';
  const shareUrl = verificationPageUrl(badge.id);

  async function share() {
    setCopied((await copyText(shareUrl)) ? 'copied' : 'failed');
  }

  return (
    <li className={`badge-card is-${badge.status}`} data-testid={`badge-card-${badge.id}`} data-badge-id={badge.id} data-status={badge.status} aria-labelledby={`badge-name-${badge.id}`}>
      <div className="badge-card-main">
        <img className="badge-image" src={badgeUrls.svg(badge.id)} alt={`${name} 배지 이미지`} width={96} height={96} loading="lazy" />
        <div className="badge-card-text">
          <p className="badge-kind muted small">{badge.pathwayLevel ? `${trainingLevel(badge.pathwayLevel)} 단계 배지` : '과정 이수 배지'}</p>
          <h3 id={`badge-name-${badge.id}`} className="badge-name" data-testid="badge-name">
            {name}
          </h3>
          <p className="badge-meta">
            <BadgeStatusBadge status={badge.status} /> <span className="small">발급 {formatDate(badge.issuedAt)}</span>
            {badge.validUntil && <span className="small"> · 유효기간 {formatDate(badge.validUntil)}까지</span>}
          </p>
          {badge.status === 'revoked' && (
            <p className="small badge-revoked" data-testid="badge-revoke-reason">
              취소 사유: {badge.revokeReason ?? '(사유 없음)'}
              {badge.revokedAt && <span className="muted"> ({formatDate(badge.revokedAt)} 취소)</span>}
            </p>
          )}
        </div>
      </div>
      <div className="badge-actions">
        <Link to={badgeUrls.page(badge.id)} className="button button-small" data-testid="badge-verify-link">
          검증 페이지
        </Link>
        <a className="button button-small" href={badgeUrls.png(badge.id)} download={`badge-${badge.id}.png`} data-testid="badge-png" aria-label={`${name} PNG 다운로드`}>
          PNG 다운로드
        </a>
        <a className="button button-small" href={badgeUrls.svg(badge.id)} download={`badge-${badge.id}.svg`} data-testid="badge-svg" aria-label={`${name} SVG 다운로드`}>
          SVG 다운로드
        </a>
        <button type="button" className="button button-small" data-testid="badge-share" onClick={() => void share()} aria-label={`${name} 공유 링크 복사`}>
          공유 링크 복사
        </button>
        {canRevoke && badge.status !== 'revoked' && !revoking && (
          <button type="button" className="button button-small button-danger" data-testid="badge-revoke-open" onClick={() => setRevoking(true)} aria-label={`${name} 배지 취소`}>
            배지 취소
          </button>
        )}
      </div>
      <div role="status" aria-live="polite" className="badge-share-status">
        {copied === 'copied' && (
          <p className="notice small" data-testid="badge-share-notice">
            검증 페이지 링크를 복사했습니다.
          </p>
        )}
        {copied === 'failed' && (
          <p className="small">
            <label htmlFor={`share-${badge.id}`}>자동 복사가 되지 않았습니다. 아래 링크를 직접 복사하세요.</label>
            <input id={`share-${badge.id}`} className="share-url" readOnly value={shareUrl} onFocus={(e) => e.target.select()} />
          </p>
        )}
      </div>
      {revoking && (
        <RevokeForm badge={badge} name={name} onCancel={() => setRevoking(false)} onDone={() => setRevoking(false)} />
      )}
    </li>
  );
}

function RevokeForm({ badge, name, onCancel, onDone }: { badge: EarnedBadge; name: string; onCancel: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  // Once revoked, the form closes and the record (the badge's status) loads again.
  const revoke = useMutation({
    mutationFn: () => api.revokeBadge(badge.id, reason.trim()),
    onSuccess: () => {
      onDone();
      return queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
  const busy = revoke.isPending || revoke.isSuccess;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return;
    if (!window.confirm(`'${name}' 배지를 취소할까요? 취소한 배지는 검증 페이지에 '취소된 배지'로 표시되며 되돌릴 수 없습니다.`)) return;
    revoke.mutate();
  }

  return (
    <form className="subform stack-form" aria-label={`${name} 배지 취소`} onSubmit={submit} data-testid="badge-revoke-form">
      <TextAreaField
        id={`revoke-reason-${badge.id}`}
        label="취소 사유 (필수)"
        required
        maxLength={500}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        hint="검증 페이지에 그대로 공개됩니다. 개인정보를 적지 마세요."
      />
      <ErrorMessage error={revoke.error} title="배지를 취소하지 못했습니다." messages={{ INVALID_STATE: '이미 취소된 배지입니다.' }} />
      <div className="row-actions">
        <SubmitButton busy={busy} busyLabel="취소하는 중…" className="button button-danger button-small" disabled={!reason.trim()} testId="badge-revoke-submit">
          취소 확정
        </SubmitButton>
        <button type="button" className="button button-ghost button-small" onClick={onCancel} disabled={busy}>
          닫기
        </button>
      </div>
    </form>
  );
}
