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
