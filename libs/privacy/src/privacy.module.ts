import { Module, type Provider } from '@nestjs/common';
import { ConsentModule } from '@app/consent';

/**
 * Personal data from collection to destruction (개인정보 보호법): the retention schedule and its
 * destruction with the register (제21조), the access log's reading, checking and monthly review
 * (안전성 확보조치 기준 제8조), the data subjects' requests (제35–37조) and the privacy policy (제30조).
 * The access log is written by every feature through @app/core's AccessLog.
 */
const SERVICES: Provider[] = [];

@Module({
  imports: [ConsentModule],
  controllers: [],
  providers: SERVICES,
  exports: SERVICES,
})
export class PrivacyModule {}

/** The daily destruction and the monthly access review, for the worker. */
@Module({
  imports: [ConsentModule],
  providers: [...SERVICES],
})
export class PrivacyJobsModule {}
