import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../errors';

/** The id in `text` (1 to 2,147,483,647, digits only), or undefined: the same rule for route ids, guards and query strings. */
export function parseIdText(text: string): number | undefined {
  return /^[1-9]\d{0,9}$/.test(text) && Number(text) <= 2_147_483_647 ? Number(text) : undefined;
}

/**
 * A numeric route id; anything else is a 400 naming the parameter, in the API's one error shape.
 * The global ValidationPipe may already have turned the text into a number (NaN for 'abc').
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string | number, number> {
  transform(value: string | number, meta: ArgumentMetadata): number {
    const id = parseIdText(String(value ?? ''));
    if (id === undefined) {
      const field = meta.data ?? 'id';
      throw new ValidationFailedError(`${field} must be a positive whole number`, [{ field, reason: 'not a positive whole number' }]);
    }
    return id;
  }
}
