import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { clipReason, excerpt, ValidationFailedError } from '../errors';
import { assertCleanText } from './clean-text';

/** Validation errors listed in a response; a body that is wrong everywhere gets the first ones. */
const LISTED_ERROR_LIMIT = 100;
/** Fields named in the message. */
const MESSAGE_FIELD_LIMIT = 10;

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

/**
 * The global pipe: first the one rule for every string of a body, query string or path parameter
 * (no control characters, no lone surrogates; clean-text.ts), then the DTO's own rules.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      assertCleanText(value, metadata.data ?? '');
    }
    // Path parameters stay text: ids are read by ParseIdPipe, which would otherwise see the
    // Number() of the text and take '0x10', '1e1' or ' 7' for ids.
    if (metadata.type === 'param' && typeof value === 'string') return value;
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      // Property names come from the client (forbidNonWhitelisted names unknown ones) and may be
      // huge, as may a value a message quotes: both are cut to an excerpt.
      const details = flattenValidationErrors(errors).map((d) => ({ field: excerpt(d.field, 100), reason: clipReason(d.reason) }));
      const fields = [...new Set(details.map((d) => d.field))];
      const more = fields.length > MESSAGE_FIELD_LIMIT ? ` (and ${fields.length - MESSAGE_FIELD_LIMIT} more)` : '';
      return new ValidationFailedError(`Invalid input: ${fields.slice(0, MESSAGE_FIELD_LIMIT).join(', ')}${more}`, details.slice(0, LISTED_ERROR_LIMIT));
    },
  });
}
