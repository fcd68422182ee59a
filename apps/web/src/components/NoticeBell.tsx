import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api';
import type { Notice, NoticeList } from '../api/models';
import { coreKeys } from '../coreQueries';
import { formatDateTime } from '../labels';
import { queryClient } from '../query';

const POLL_MS = 60_000;

/** The list with `id` marked read. */
const markRead = (list: NoticeList | undefined, id: string): NoticeList | undefined =>
  list && { unread: Math.max(0, list.unread - 1), items: list.items.map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n)) };

/** The header's bell: unread in-app notices (survey openings, reminders); opening one marks it read and follows its link. */
export function NoticeBell() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  // A failed poll leaves the bell as it was; the next one tries again.
  const { data: list } = useQuery({ queryKey: coreKeys.notices, queryFn: api.notices, refetchInterval: POLL_MS, retry: false });
  const read = useMutation({
    mutationFn: api.readNotice,
    onMutate: (id) => queryClient.setQueryData<NoticeList>(coreKeys.notices, (l) => markRead(l, id)),
  });

  async function follow(notice: Notice) {
    setOpen(false);
    if (!notice.readAt) await read.mutateAsync(notice.id).catch(() => undefined);
    // A notice about the page already open leaves it (and the history) as it is.
    if (notice.link?.startsWith('/') && notice.link !== pathname + search) void navigate(notice.link);
  }

  const unread = list?.unread ?? 0;
  return (
    <div className="notice-bell">
      <button
        type="button"
        className="button button-ghost notice-bell-button"
        aria-expanded={open}
        aria-controls="notice-list"
        data-testid="notice-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">🔔</span> 알림
        {unread > 0 && (
          <span className="notice-count" data-testid="notice-unread">
            {unread}
          </span>
        )}
        {unread > 0 && <span className="sr-only">개 읽지 않음</span>}
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
                      {formatDateTime(n.createdAt)}
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
