import type { INestApplicationContext } from '@nestjs/common';
import { AccessLogQueries } from '@app/privacy';

/** `privacy:verify-access-log`: the hash chain checked, the result printed; 1 when broken, for cron and monitoring. */
export async function verifyAccessLog(app: INestApplicationContext, print: (line: string) => void = console.log): Promise<number> {
  const r = await app.get(AccessLogQueries).verify();
  if (r.intact) {
    print(`access log intact: ${r.checked} record(s) checked`);
    return 0;
  }
  print(`access log BROKEN: first broken record ${r.firstBrokenId} (written ${r.firstBrokenAt}); a record before it was deleted or it was edited; ${r.checked} record(s) checked`);
  return 1;
}
