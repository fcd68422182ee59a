import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../errors';

/** A numeric route id; anything else is a 400 naming the parameter, in the API's one error shape. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    if (!/^[1-9]\d{0,9}$/.test(value ?? '') || Number(value) > 2_147_483_647) {
      const field = meta.data ?? 'id';
      throw new ValidationFailedError(`${field} must be a positive whole number`, [{ field, reason: `got '${value}'` }]);
    }
    return Number(value);
  }
}
