import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../dates/calendar-date';

/** A calendar date users mean as a day ('YYYY-MM-DD', a real date), never a timestamp. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a calendar date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/** OpenAPI + validation for a required calendar date. */
export const CalendarDateProperty = (description?: string, example = '2026-03-31') =>
  applyDecorators(ApiProperty({ type: String, format: 'date', example, description }), IsCalendarDate());

/** OpenAPI + validation for an optional calendar date (use with @IsOptional()). */
export const OptionalCalendarDateProperty = (description?: string, example = '2026-03-31') =>
  applyDecorators(ApiPropertyOptional({ type: String, format: 'date', example, description, nullable: true }), IsCalendarDate());

const DATE_OR_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):(\d{2}))?)?$/;

/**
 * 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±HH:MM]', every part a real one (no 30
 * February, hour 24 or year 0): what PostgreSQL reads as a date or timestamp without an error.
 */
export function isDateOrDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE_OR_DATE_TIME.exec(value);
  if (!m || !isCalendarDate(m[1])) return false;
  const [hour, minute, second, offsetHours, offsetMinutes] = [m[2], m[3], m[4], m[5], m[6]].map((p) => (p === undefined ? 0 : Number(p)));
  return hour < 24 && minute < 60 && second < 60 && offsetHours <= 14 && offsetMinutes < 60;
}

/** A date or a date-time (isDateOrDateTime), for filters that take either. */
export function IsDateOrDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateOrDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`, ...options },
      validator: { validate: (value: unknown) => isDateOrDateTime(value) },
    });
}
