import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './common/auth/jwt-auth.guard';
import { RolesGuard } from './common/auth/roles.guard';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { CoreModule, CoreOptions } from './core/core.module';
import { FEATURE_MODULES } from './feature-modules';
import { HealthModule } from './health/health.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { JobsModule } from './queue/jobs/jobs.module';
import { UsersModule } from './users/users.module';

/** The API process: HTTP controllers and queue producers. Authentication is global (opt-out with @Public). */
@Module({})
export class AppModule {
  static forRoot(options: CoreOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(options), AuthModule, UsersModule, OrganisationsModule, HealthModule, JobsModule, ...FEATURE_MODULES],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
