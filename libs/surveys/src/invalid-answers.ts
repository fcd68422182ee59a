import { ValidationFailedError } from '@app/core';
import type { Problem } from './engine';

/** Answer problems from the engine, as the API's 400 with one detail per question. */
export function invalidAnswers(problems: Problem[]): ValidationFailedError {
  return new ValidationFailedError('Some answers are invalid', problems.map((p) => ({ field: p.path, reason: p.reason })), 'INVALID_ANSWERS');
}
