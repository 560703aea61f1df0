import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { renderWebError } from '../../web/common/errors/render-web-error';
import { isApiPath } from '../../web/common/web-paths';
import { AppException } from './app.exception';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/**
 * Every API error leaves as one JSON shape; no stack trace ever reaches the client. Errors on the
 * web pages' routes (everything outside `/api/`) are answered with HTML pages instead.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const body = this.toBody(exception);
    body.requestId = req.id;
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: req.id }, `${req.method} ${req.path} failed`);
    }
    if (res.headersSent) {
      // A streamed download broke off after its headers: all we can do is end the response.
      res.destroy();
      return;
    }
    if (!isApiPath(req.path)) {
      renderWebError(req, res, body.statusCode, exception instanceof AppException ? exception.code : undefined);
      return;
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppException) {
      return this.body(exception.status, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'string') return this.body(status, response);
      const message = (response as { message?: unknown }).message;
      if (Array.isArray(message)) return this.body(status, message.join('; '));
      // Structured bodies without a message (terminus health results) travel as details.
      if (message === undefined) return this.body(status, exception.message, response);
      return this.body(status, typeof message === 'string' ? message : JSON.stringify(message));
    }
    const parserError = exception as BodyParserError;
    if (parserError?.type === 'entity.parse.failed') return this.body(400, 'Malformed JSON in the request body');
    if (parserError?.type === 'entity.too.large') return this.body(413, 'The request body is too large');
    if (parserError?.type && (parserError.status ?? parserError.statusCode ?? 500) < 500) {
      return this.body(parserError.status ?? parserError.statusCode ?? 400, 'The request body could not be read');
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { code?: string }).code;
      // Constraint races the services could not see coming (two creates at once) are conflicts, not crashes.
      if (code === '23505') return this.body(409, 'A record with the same unique value already exists');
      if (code === '23503') return this.body(409, 'The record is referenced by, or refers to, a record that does not exist');
    }
    return this.body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }

  private body(statusCode: number, message: string, details?: unknown): ErrorBody {
    const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
    if (details !== undefined) body.details = details;
    return body;
  }
}
