import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors, AppError, AuthService, AuthUser, CurrentUser, PasswordChangeExempt, Public, Roles, ROLES } from '@app/core';
import { ActivatedDto, LinkTargetDto, MeDto, SignedInDto, SignInMethodsDto } from '../users/user-responses.dto';
import { ActivateDto, ChangePasswordDto, LinkTokenDto, LoginDto, UpdateMeDto } from '../users/user.dto';
import { UsersService } from '../users/users.service';
import { SignInService } from './sign-in.service';
import { OidcService } from '../oidc/oidc.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly oidc: OidcService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a bearer token (failures slow down per account and address)' })
  @ApiErrors({ 401: ['BAD_CREDENTIALS', 'ACCOUNT_DISABLED'], 403: ['PASSWORD_LOGIN_OFF'], 429: ['TOO_MANY_REQUESTS'] })
  login(@Body() body: LoginDto, @Req() req: FastifyRequest): Promise<SignedInDto> {
    if (!this.oidc.passwordLoginEnabled) throw new AppError('PASSWORD_LOGIN_OFF', 'Password login is turned off; sign in with the office identity provider', 403);
    return this.signIn.login(body.email, body.password, req.ip);
  }

  @Get('methods')
  @Public()
  @ApiOperation({ summary: 'How people can sign in here: password, and the office identity provider when configured' })
  methods(): SignInMethodsDto {
    return { password: this.oidc.passwordLoginEnabled, oidc: this.oidc.enabled };
  }

  @Get('me')
  @Roles(...ROLES)
  @PasswordChangeExempt()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  async me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    const view = await this.users.me(user);
    return { ...view, displayName: view.name };
  }

  @Patch('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change my display name' })
  async updateMe(@CurrentUser() user: AuthUser, @Body() body: UpdateMeDto): Promise<MeDto> {
    const view = await this.users.update(user, user.id, { name: body.name });
    return { ...view, displayName: view.name };
  }

  @Post('password')
  @Roles(...ROLES)
  @PasswordChangeExempt()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change my password (the current one is required); every earlier token stops working and a new one is returned' })
  @ApiErrors({ 400: ['BAD_CURRENT_PASSWORD', 'WEAK_PASSWORD'] })
  changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto, @Req() req: FastifyRequest): Promise<SignedInDto> {
    return this.signIn.changePassword(user, body.currentPassword, body.newPassword, req.ip);
  }

  @Post('logout')
  @Roles(...ROLES)
  @PasswordChangeExempt()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this sign-in: the token stops working' })
  async logout(@CurrentUser() user: AuthUser): Promise<void> {
    if (user.sessionId) await this.auth.endSession(user.sessionId);
  }

  @Post('activate/check')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Whose activation or reset link this is (the link stays unused); 410 when it cannot be used' })
  @ApiErrors({ 410: ['LINK_UNUSABLE'] })
  async checkLink(@Body() body: LinkTokenDto): Promise<LinkTargetDto> {
    const target = await this.signIn.peek(body.token);
    if (!target) throw new AppError('LINK_UNUSABLE', 'This link has been used, has expired or does not exist; ask your administrator for a new one', 410);
    return { purpose: target.purpose, email: target.email, name: target.name, expiresAt: target.expiresAt };
  }

  @Post('activate')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the password with a one-time activation or reset link; signs the person in' })
  @ApiErrors({ 400: ['WEAK_PASSWORD'], 410: ['LINK_UNUSABLE'] })
  activate(@Body() body: ActivateDto, @Req() req: FastifyRequest): Promise<ActivatedDto> {
    return this.signIn.activate(body.token, body.password, req.ip);
  }
}
