import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import type { CampaignProgress } from '../../types';
import { usePolling } from '../../usePolling';

/** How often the response rates are read again while the page is open. */
export const PROGRESS_POLL_MS = 15_000;

/** A campaign's live response rates, read again every PROGRESS_POLL_MS; `refresh` reads them now. */
export function useLiveProgress(campaignId: number) {
  const [data, setData] = useState<CampaignProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);
  const polling = usePolling();

  const refresh = useCallback(async () => {
    polling.stop();
    try {
      const progress = await api.campaignProgress(campaignId);
      if (!polling.alive()) return;
      setData(progress);
      setError(null);
      setCheckedAt(new Date());
    } catch (e) {
      if (polling.alive()) setError(e);
    }
    // Keep polling after a failure too: a dropped connection recovers by itself.
    if (polling.alive()) polling.after(PROGRESS_POLL_MS, () => void refresh());
  }, [campaignId, polling]);

  useEffect(() => {
    void refresh();
    return () => polling.stop();
  }, [refresh, polling]);

  return { data, error, checkedAt, refresh };
}
