import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, RouterModule } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './common/auth/jwt-auth.guard';
import { RolesGuard } from './common/auth/roles.guard';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { CoreModule, type ProcessOptions } from './core/core.module';
import { FEATURE_MODULES } from './feature-modules';
import { HealthModule } from './health/health.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { JobsModule } from './queue/jobs/jobs.module';
import { UsersModule } from './users/users.module';
import { API_PREFIX } from './common/http/api-paths';
import { WebAuthGuard } from './web/common/auth/web-auth.guard';
import { WebModule } from './web/web.module';

/**
 * The modules whose controllers make up the API, all mounted under `/api/v1`. Mounting them by
 * module (rather than a global prefix) leaves the web pages at the site's root, free to use the
 * same paths (`/actions/:id`); a test checks that every route is either here or a web page.
 */
export const API_MODULES = [AuthModule, UsersModule, OrganisationsModule, HealthModule, AuditModule, JobsModule, ...FEATURE_MODULES];

/**
 * The API process: the API's and the web pages' controllers, and queue producers. Authentication
 * is global: bearer tokens for the API (opt-out with @Public), the session for web pages.
 */
@Module({})
export class AppModule {
  static forRoot(options: ProcessOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot({ ...options, databaseClient: 'api' }), ...API_MODULES, RouterModule.register([{ path: API_PREFIX, children: API_MODULES }]), WebModule],
      providers: [
        // In this order: who the caller is (bearer token, or session for web pages), then their role.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: WebAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
