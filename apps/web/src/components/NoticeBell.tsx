import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { formatMinute } from '../labels';
import { navigate } from '../router';
import type { Notice, NoticeList } from '../types';
import { usePolling } from '../usePolling';

const POLL_MS = 60_000;

/** The header's bell: unread in-app notices (survey openings, reminders); opening one marks it read and follows its link. */
export function NoticeBell() {
  const [list, setList] = useState<NoticeList | null>(null);
  const [open, setOpen] = useState(false);
  const polling = usePolling();

  const load = useCallback(async () => {
    polling.stop();
    try {
      const next = await api.notices();
      if (polling.alive()) setList(next);
    } catch {
      // The bell stays as it was; the next poll tries again.
    }
    if (polling.alive()) polling.after(POLL_MS, () => void load());
  }, [polling]);

  useEffect(() => {
    void load();
    return () => polling.stop();
  }, [load, polling]);

  async function follow(notice: Notice) {
    setOpen(false);
    if (!notice.readAt) {
      setList((l) => (l ? { unread: Math.max(0, l.unread - 1), items: l.items.map((n) => (n.id === notice.id ? { ...n, readAt: new Date().toISOString() } : n)) } : l));
      await api.readNotice(notice.id).catch(() => undefined);
    }
    if (notice.link?.startsWith('/')) navigate(notice.link);
  }

  const unread = list?.unread ?? 0;
  return (
    <div className="notice-bell">
      <button
        type="button"
        className="button button-ghost notice-bell-button"
        aria-expanded={open}
        aria-controls="notice-list"
        aria-label={unread ? `알림 ${unread}개 읽지 않음` : '알림'}
        data-testid="notice-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">🔔</span> 알림
        {unread > 0 && (
          <span className="notice-count" data-testid="notice-unread">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div id="notice-list" className="notice-panel" role="region" aria-label="알림 목록">
          {!list?.items.length ? (
            <p className="muted small">받은 알림이 없습니다.</p>
          ) : (
            <ul>
              {list.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'notice-item' : 'notice-item is-unread'}>
                  <button type="button" className="notice-link" onClick={() => void follow(n)} data-testid="notice-item">
                    <span className="notice-title">{n.title}</span>
                    {n.body && <span className="notice-body">{n.body}</span>}
                    <span className="notice-time">
                      {formatMinute(n.createdAt)}
                      {!n.readAt && ' · 읽지 않음'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
