import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Length, Matches } from 'class-validator';

export class AnswersDto {
  @ApiProperty({ description: 'answers keyed by question id' })
  @IsObject()
  answers: Record<string, unknown>;
}

export class SubmitAnswersDto extends AnswersDto {
  @ApiProperty({ description: 'chosen by the client once per submission; a retry with the same key returns the first result' })
  @IsString()
  @Length(8, 100)
  @Matches(/^[\w-]+$/)
  idempotencyKey: string;
}
