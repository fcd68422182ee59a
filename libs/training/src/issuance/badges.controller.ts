import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors, ApiFile, ApiMediaResponse, ApiText, AuthUser, CurrentUser, DownloadName, NotFoundError, Public, Roles, sendDownload, seoulDate, Text } from '@app/core';
import { BadgeVerificationDto, IssuerProfileDocumentDto, OpenBadgeCredentialDto, StatusListCredentialDto } from './badge-responses.dto';
import { bakePng, bakeSvg, renderBadgePng, renderBadgeSvg, type TextValue } from '../badges';
import { LEVEL_KO, TrainingLevel } from '../training-terms';
import { BadgeIssuer } from './badge-issuer.service';
import { BadgeKeys, ISSUER_NAME } from './badge-keys.service';
import { BadgeVerification, StoredBadge } from './badge-verification.service';

class RevokeBadgeDto {
  @ApiProperty({ example: '이수 기록 오류' })
  @Text({ max: 500 })
  reason: string;
}

const LEVEL_COLOR: Record<TrainingLevel, string> = { basic: '#2b6cb0', applied: '#2f855a', advanced: '#b7791f', expert: '#9b2c2c' };
const NO_LEVEL_COLOR = '#2c5282';

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
    const svg = renderBadgeSvg({ title: level ? `${LEVEL_KO[level]} 과정` : '연수 이수', issuer: ISSUER_NAME, level: level ? LEVEL_KO[level] : undefined, color: level ? LEVEL_COLOR[level] : NO_LEVEL_COLOR });
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
  @ApiOperation({ summary: 'The badge image (the SVG design at 800×800) with the credential baked in (iTXt chunk "openbadgecredential"); named after the course and year' })
  @ApiFile('image/png', 'the baked PNG')
  async png(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const badge = await this.verification.find(id);
    const image = badgeImage(badge);
    const png = bakePng(await renderBadgePng(image.svg), JSON.stringify(badge.credential));
    await sendDownload(reply, image.name('png'), 'image/png', png);
  }

  @Get(':id/badge.svg')
  @Public()
  @ApiOperation({ summary: 'The badge image as SVG with the credential baked in (`<openbadges:credential>`); named after the course and year' })
  @ApiFile('image/svg+xml', 'the baked SVG')
  async svg(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const badge = await this.verification.find(id);
    const image = badgeImage(badge);
    await sendDownload(reply, image.name('svg'), 'image/svg+xml', Buffer.from(bakeSvg(image.svg, JSON.stringify(badge.credential))));
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

/** Korean text of a credential field: a plain string, or the 'ko' (else the first) language value. */
function koText(value: TextValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  return (value?.find((v) => v['@language'] === 'ko') ?? value?.[0])?.['@value'];
}

/**
 * The badge's one design (the SVG; the PNG is its rasterisation) and its download name, all
 * read from the signed credential: title, level (colour and chip), issuer, date of award; plus
 * the earner's name. Files are named after the title and the Seoul year: 'AI-기초-연수-2026'.
 */
function badgeImage(badge: StoredBadge): { svg: string; name: (ext: string) => DownloadName } {
  const credential = badge.credential;
  const achievement = credential.credentialSubject?.achievement ?? {};
  const tags: string[] = achievement.tag ?? [];
  const level = (Object.entries(LEVEL_KO) as [TrainingLevel, string][]).find(([, ko]) => tags.includes(ko))?.[0];
  const title = koText(achievement.name) ?? '연수 이수';
  const date: string = credential.credentialSubject?.awardedDate ?? credential.validFrom;
  const svg = renderBadgeSvg({
    title,
    subtitle: badge.earnerName,
    issuer: koText(credential.issuer?.name) ?? ISSUER_NAME,
    date,
    level: level && `${LEVEL_KO[level]} 단계`,
    color: level ? LEVEL_COLOR[level] : NO_LEVEL_COLOR,
  });
  const year = seoulDate(date).slice(0, 4);
  const stem = fileNameOf(title) || 'badge';
  return { svg, name: (ext) => ({ filename: `${stem}-${year}.${ext}`, ascii: `badge-${year}.${ext}` }) };
}

/** A title as a file name: characters no OS allows and control characters dropped, spaces as '-', Korean kept. */
function fileNameOf(title: string): string {
  const name = title.normalize('NFC').replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]/gu, '').trim().replace(/\s+/gu, '-').replace(/-{2,}/g, '-');
  return [...name].slice(0, 80).join('').replace(/^[.-]+|[.-]+$/g, ''); // no hidden file, no trailing dot (Windows)
}
