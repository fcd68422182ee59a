import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../errors';

/**
 * A numeric route id; anything else is a 400 naming the parameter, in the API's one error shape.
 * The global ValidationPipe may already have turned the text into a number (NaN for 'abc').
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string | number, number> {
  transform(value: string | number, meta: ArgumentMetadata): number {
    const text = String(value ?? '');
    if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) {
      const field = meta.data ?? 'id';
      throw new ValidationFailedError(`${field} must be a positive whole number`, [{ field, reason: 'not a positive whole number' }]);
    }
    return Number(text);
  }
}
