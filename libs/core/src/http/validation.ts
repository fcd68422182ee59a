import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from '../errors';

/** Flattens class-validator's tree into one entry per offending field path (`items.2.quantity`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; reason: string }[] {
  const out: { field: string; reason: string }[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const reason of Object.values(e.constraints ?? {})) out.push({ field, reason });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const fields = [...new Set(details.map((d) => d.field))].join(', ');
      return new ValidationFailedError(`Invalid input: ${fields}`, details);
    },
  });
}
