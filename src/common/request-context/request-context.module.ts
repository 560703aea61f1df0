import { Global, Module } from '@nestjs/common';
import { ClsService, ClsServiceManager } from 'nestjs-cls';

/**
 * The request (or job) context store, `ClsService` of nestjs-cls, for every module. Not
 * `ClsModule.forRoot`: that one also registers a global guard and a global interceptor which, left
 * unmounted, do nothing, yet send every request through Nest's interceptor pipeline (rxjs, two
 * `AsyncResource.bind` per request) and its middleware through plugin hooks and proxy resolution:
 * a few per cent of the API's CPU time (bench/api-overhead.bench.ts). A request's context is
 * opened by `requestContextMiddleware` (configure-app.ts); the worker's jobs open theirs with
 * `ClsService.run`.
 */
@Global()
@Module({
  providers: [{ provide: ClsService, useValue: ClsServiceManager.getClsService() }],
  exports: [ClsService],
})
export class RequestContextModule {}
