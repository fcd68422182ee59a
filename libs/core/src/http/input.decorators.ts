import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  IsArray, IsDefined, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateBy, ValidateIf, ValidateNested, ValidationOptions,
} from 'class-validator';

/*
 * Reusable field rules for DTOs, so that what the database refuses is a 400 naming the field and
 * never a 500. Control characters and lone surrogates are refused for every string by the global
 * ValidationPipe (clean-text.ts); these add what depends on the field.
 */

/** The largest value of an `int`/`serial` column (PostgreSQL int4). */
export const INT4_MAX = 2_147_483_647;

/**
 * An optional field that may be left out but not sent as null: the column is NOT NULL, so null
 * cannot mean "clear". (`@IsOptional()` lets null through to the database.) Use `@IsOptional()`
 * only where null clears a nullable column.
 */
export function OptionalNotNull(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_, value) => value !== undefined),
    IsDefined({ message: '$property must not be null (leave it out to keep the current value)' }),
  );
}

export interface TextOptions {
  /** Fewest characters after trimming (default 1: not empty, not only spaces). */
  min?: number;
  max: number;
  /** May be left out (true), or also be null to clear a nullable column ('nullable'). */
  optional?: boolean | 'nullable';
}

const cleanText = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);

/**
 * Text a person types: NFC-normalised and trimmed before it is checked, then a string of
 * `min`–`max` characters. With the default `min` of 1, whitespace-only is refused with a message
 * instead of reaching a `CHECK (length(btrim(x)) > 0)`.
 */
export function Text({ min = 1, max, optional = false }: TextOptions): PropertyDecorator {
  return applyDecorators(
    ...(optional === 'nullable' ? [IsOptional()] : optional ? [OptionalNotNull()] : []),
    Transform(cleanText),
    IsString(),
    ...(min > 0 ? [MinLength(min, { message: min === 1 ? '$property must not be empty or only spaces' : `$property must be at least ${min} characters after trimming spaces` })] : []),
    MaxLength(max),
  );
}

/** The same for every element of an array of texts. */
export function Texts({ min = 1, max }: { min?: number; max: number }): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (Array.isArray(value) ? value.map((v) => cleanText({ value: v })) : value)),
    IsString({ each: true }),
    ...(min > 0 ? [MinLength(min, { each: true, message: 'each value in $property must not be empty or only spaces' })] : []),
    MaxLength(max, { each: true }),
  );
}

/**
 * The id of a row (an `int` column): a whole number from 1 to 2,147,483,647. `1e308` and 2^31 are
 * whole numbers to JavaScript and used to reach PostgreSQL as "out of range" (a 500).
 * `query: true` for query strings, where the value arrives as text.
 */
export function IsId(opts: { each?: boolean; query?: boolean } & ValidationOptions = {}): PropertyDecorator {
  const { query, ...options } = opts;
  return applyDecorators(
    ...(query ? [Type(() => Number)] : []),
    IsInt(options),
    Min(1, options),
    Max(INT4_MAX, { ...options, message: options.each ? 'each value in $property must be an id (at most 2147483647)' : '$property must be an id (at most 2147483647)' }),
  );
}

/**
 * A finite number with at most `maxDecimalPlaces` decimals. class-validator's
 * `IsNumber({ maxDecimalPlaces })` throws a TypeError (a 500) on numbers JavaScript prints in
 * exponent form, such as 5e-324 or 1e-7.
 */
export function IsFiniteNumber(opts: { maxDecimalPlaces?: number } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  const places = opts.maxDecimalPlaces;
  return ValidateBy(
    {
      name: 'isFiniteNumber',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && (places === undefined || Number(value.toFixed(places)) === value),
        defaultMessage: () => (places === undefined ? '$property must be a number' : `$property must be a number with at most ${places} decimal places`),
      },
    },
    validationOptions,
  );
}

/** A nested object checked against its DTO; a missing one, an array or a primitive is a 400, not a TypeError later. */
export function NestedObject(type: () => new () => object, opts: { optional?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ...(opts.optional ? [OptionalNotNull()] : []),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/** An array of nested objects, each checked against its DTO and each an object (not an array, null or a number). */
export function NestedArray(type: () => new () => object, opts: { optional?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ...(opts.optional ? [OptionalNotNull()] : []),
    IsArray(),
    IsObject({ each: true, message: 'each value in $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
}
