import type { Request } from 'express';
import type { AuthUser } from '../../common/request-context/request-context';

/** An Express request on a web route: the session's signed-in user (if any) and the request id. */
export type WebRequest = Request & { user?: AuthUser; id?: string };
