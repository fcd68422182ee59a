import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { OptionalNotNull, PaginationQuery, Role, ROLES } from '@app/core';
import { DISTRICT_OFFICE_CODES } from '@app/schools/district-office';

export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
/** Names and numbers people type: no control characters. */
const PRINTABLE = /^[^\u0000-\u001f\u007f]+$/;
/** 교원 개인번호 or an office staff id: letters, digits and hyphens. */
export const TEACHER_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,49}$/;
export const NEIS_CODE = /^\d{7}$/;

export class CreateUserDto {
  @ApiProperty({ example: 'kim.teacher@sen.go.kr', description: 'the login id' })
  @Transform(lower)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: '김선생', description: 'the Korean name shown wherever this person acts' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ description: 'the school (internal id), for principal and teacher; or give schoolCode' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  schoolId?: number;

  @ApiPropertyOptional({ example: '7010057', description: 'the school by NEIS code (7 digits)' })
  @OptionalNotNull()
  @Matches(NEIS_CODE, { message: 'schoolCode must be a 7-digit NEIS school code' })
  schoolCode?: string;

  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES, description: 'for district_admin' })
  @OptionalNotNull()
  @IsIn(DISTRICT_OFFICE_CODES)
  districtOffice?: string;

  @ApiPropertyOptional({ example: 'T2026000123', description: '교원 개인번호 or staff id; unique; links training completions to the account' })
  @IsOptional()
  @Transform(trim)
  @Matches(TEACHER_NUMBER, { message: 'teacherNumber must be 1-50 letters, digits or hyphens' })
  teacherNumber?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @Transform(lower)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @OptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  schoolId?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @Matches(NEIS_CODE, { message: 'schoolCode must be a 7-digit NEIS school code' })
  schoolCode?: string;

  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES })
  @OptionalNotNull()
  @IsIn(DISTRICT_OFFICE_CODES)
  districtOffice?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @Matches(TEACHER_NUMBER, { message: 'teacherNumber must be 1-50 letters, digits or hyphens' })
  teacherNumber?: string | null;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES })
  @OptionalNotNull()
  @IsIn(ACCOUNT_STATUSES)
  status?: AccountStatus;
}

export class ResetPasswordDto {
  @ApiPropertyOptional({ enum: ['link', 'temporary'], default: 'link', description: 'a one-time reset link (default), or a temporary password the user must change at next login' })
  @IsOptional()
  @IsIn(['link', 'temporary'])
  method?: 'link' | 'temporary';

  @ApiPropertyOptional({ description: 'the temporary password to set (checked against the policy); generated when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  temporaryPassword?: string;
}

export class UserListQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES })
  @IsOptional()
  @IsIn(DISTRICT_OFFICE_CODES)
  districtOffice?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  schoolId?: number;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES)
  status?: AccountStatus;

  @ApiPropertyOptional({ description: 'accounts still waiting for activation (true) or activated (false)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  pending?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'part of the name, email or teacher number' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  @Matches(PRINTABLE, { message: 'q must not contain control characters' })
  q?: string;
}

export class UpdateMeDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: '10+ characters of two kinds (letters, digits, symbols) or 8+ of three; not the email, the name or a common password' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class ActivateDto {
  @ApiProperty({ description: 'the token of the activation or reset link' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token is not a link token' })
  token: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class LinkTokenDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token is not a link token' })
  token: string;
}

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
