import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors, ApiFile, ApiMediaResponse, ApiText, AuthUser, CurrentUser, NotFoundError, Public, Roles, Text } from '@app/core';
import { BadgeVerificationDto, IssuerProfileDocumentDto, OpenBadgeCredentialDto, StatusListCredentialDto } from './badge-responses.dto';
import { bakePng, bakeSvg, renderBadgePng, renderBadgeSvg } from '../badges';
import { LEVEL_KO, TrainingLevel } from '../training-terms';
import { BadgeIssuer } from './badge-issuer.service';
import { BadgeKeys } from './badge-keys.service';
import { BadgeVerification } from './badge-verification.service';

class RevokeBadgeDto {
  @ApiProperty({ example: '이수 기록 오류' })
  @Text({ max: 500 })
  reason: string;
}

const LEVEL_COLOR: Record<TrainingLevel, string> = { basic: '#2b6cb0', applied: '#2f855a', advanced: '#b7791f', expert: '#9b2c2c' };

/** Public badge URLs: anyone holding a badge's link can fetch and verify it, without an account. */
@ApiTags('badges')
@Controller('badges')
export class BadgesController {
  constructor(
    private readonly keys: BadgeKeys,
    private readonly verification: BadgeVerification,
    private readonly issuer: BadgeIssuer,
  ) {}

  @Get('issuer')
  @Public()
  @ApiOperation({ summary: "The issuer profile with its public keys (a verifier resolves the proof's verificationMethod here)" })
  @ApiMediaResponse('application/ld+json', IssuerProfileDocumentDto, 'the issuer profile (JSON-LD)')
  async issuerProfile(@Res() reply: FastifyReply): Promise<void> {
    const profile = await this.keys.issuerDocument();
    await reply.header('content-type', 'application/ld+json').send(profile);
  }

  @Get('status/1')
  @Public()
  @ApiOperation({ summary: 'The Bitstring Status List of revoked badges (signed)' })
  @ApiMediaResponse('application/ld+json', StatusListCredentialDto, 'the status list credential (JSON-LD)')
  async statusList(@Res() reply: FastifyReply): Promise<void> {
    const list = await this.verification.statusListCredential();
    await reply.header('content-type', 'application/ld+json').header('cache-control', 'max-age=60').send(list);
  }

  @Get('achievements/:key/image.svg')
  @Public()
  @ApiOperation({ summary: "An achievement's image (course badges, or `level-<level>`)" })
  @ApiFile('image/svg+xml', 'the image')
  async achievementImage(@Param('key') key: string, @Res() reply: FastifyReply): Promise<void> {
    if (!/^[\w.-]{1,100}$/.test(key)) throw new NotFoundError('achievement', key);
    const level = (Object.keys(LEVEL_KO) as TrainingLevel[]).find((l) => key === `level-${l}`);
    const svg = renderBadgeSvg({ title: level ? `${LEVEL_KO[level]} 과정` : '연수 이수', subtitle: '서울특별시교육청', level: level ? LEVEL_KO[level] : undefined, color: level ? LEVEL_COLOR[level] : '#2c5282' });
    await reply.header('content-type', 'image/svg+xml').send(svg);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'The OpenBadgeCredential (JSON, with its Data Integrity proof)' })
  @ApiMediaResponse('application/ld+json', OpenBadgeCredentialDto, 'the credential (JSON-LD)')
  async credential(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    // Found first: a 404 must leave as the JSON error body, not under the credential's media type.
    const { credential } = await this.verification.find(id);
    await reply.header('content-type', 'application/ld+json').send(credential);
  }

  @Get(':id/verify')
  @Public()
  @ApiOperation({ summary: 'Verify proof, revocation and expiry; says who earned what and when' })
  verify(@Param('id') id: string): Promise<BadgeVerificationDto> {
    return this.verification.verify(id);
  }

  @Get(':id/jwt')
  @Public()
  @ApiOperation({ summary: 'The same credential as a VC-JWT (EdDSA)' })
  @ApiText('application/vc+jwt', 'the compact JWS')
  async jwt(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const { jwt } = await this.verification.find(id);
    await reply.header('content-type', 'application/vc+jwt').send(jwt);
  }

  @Get(':id/badge.png')
  @Public()
  @ApiOperation({ summary: 'The badge image with the credential baked in (iTXt chunk "openbadgecredential")' })
  @ApiFile('image/png', 'the baked PNG')
  async png(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const badge = await this.verification.find(id);
    const png = bakePng(renderBadgePng({ color: colorOf(badge.credential) }), JSON.stringify(badge.credential));
    await reply.header('content-type', 'image/png').header('content-disposition', `attachment; filename="badge-${id}.png"`).send(png);
  }

  @Get(':id/badge.svg')
  @Public()
  @ApiOperation({ summary: 'The badge image as SVG with the credential baked in (`<openbadges:credential>`)' })
  @ApiFile('image/svg+xml', 'the baked SVG')
  async svg(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const badge = await this.verification.find(id);
    const achievement = badge.credential.credentialSubject?.achievement ?? {};
    const svg = bakeSvg(renderBadgeSvg({ title: String(achievement.name ?? '연수 이수'), subtitle: badge.earnerName, color: colorOf(badge.credential) }), JSON.stringify(badge.credential));
    await reply.header('content-type', 'image/svg+xml').header('content-disposition', `attachment; filename="badge-${id}.svg"`).send(svg);
  }

  @Post(':id/revoke')
  @Roles('city_admin')
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a badge with a reason; it shows as revoked everywhere through the status list' })
  @ApiErrors({ 409: ['INVALID_STATE'] })
  async revoke(@Param('id') id: string, @Body() dto: RevokeBadgeDto, @CurrentUser() user: AuthUser): Promise<BadgeVerificationDto> {
    await this.issuer.revoke(id, dto.reason, user);
    return this.verification.verify(id);
  }
}

function colorOf(credential: Record<string, any>): string {
  const tags: string[] = credential.credentialSubject?.achievement?.tag ?? [];
  const level = (Object.entries(LEVEL_KO) as [TrainingLevel, string][]).find(([, ko]) => tags.includes(ko))?.[0];
  return level ? LEVEL_COLOR[level] : '#2c5282';
}
