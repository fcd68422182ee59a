import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/core';
import { PrivacyPolicyDto } from './privacy-policy.dto';
import { PrivacyPolicy } from './privacy-policy.service';

@ApiTags('privacy')
@Controller('privacy/policy')
export class PrivacyPolicyController {
  constructor(private readonly policy: PrivacyPolicy) {}

  @Get()
  @Public()
  // Five minutes: a stopped service or a deactivated rule leaves what people read soon, without a query per view.
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: '개인정보 처리방침 (제30조), generated from the AI services, their notices and the retention rules in force (public)' })
  privacyPolicy(): Promise<PrivacyPolicyDto> {
    return this.policy.document();
  }
}
