import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Public, Roles } from './access.decorators';
import { AuthService } from './auth.service';
import { AuthUser, ROLES } from './role';

export class LoginDto {
  @ApiProperty({ example: 'admin@sen.go.kr' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a bearer token (rate-limited)' })
  async login(@Body() body: LoginDto, @Req() req: FastifyRequest) {
    const { accessToken, expiresIn, user } = await this.auth.login(body.email, body.password, req.ip);
    return { accessToken, tokenType: 'Bearer', expiresIn, user };
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentUser() user: AuthUser) {
    const { requestId: _, ...rest } = user;
    return rest;
  }
}
