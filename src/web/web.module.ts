import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PlansModule } from '../plans/plans.module';
import { UsersModule } from '../users/users.module';
import { AccountController } from './account/account.controller';
import { WebSessionEntity } from './common/session/entities/web-session.entity';
import { WebSessionRepository } from './common/session/web-session.repository';
import { WebSessionService } from './common/session/web-session.service';
import { HelpController } from './help/help.controller';
import { HomeController } from './home/home.controller';
import { DashboardPagesModule } from './dashboard/dashboard-pages.module';
import { PlansAdminPagesModule } from './plans-admin/plans-admin-pages.module';
import { PlanPagesModule } from './plan/plan-pages.module';
import { ActionPagesModule } from './actions/actions-pages.module';
import { FindingPagesModule } from './findings/findings-pages.module';
import { NoticePagesModule } from './notices/notices-pages.module';
import { WorkstreamPagesModule } from './workstreams/workstreams-pages.module';
import { EvidencePagesModule } from './evidence/evidence-pages.module';
import { PackPagesModule } from './packs/packs-pages.module';
import { MeetingPagesModule } from './meetings/meetings-pages.module';
import { AdminPagesModule } from './admin/admin-pages.module';
import { ImportPagesModule } from './imports/imports-pages.module';
import { NotificationPagesModule } from './notifications/notifications-pages.module';
import { SignInController } from './sign-in/sign-in.controller';

/**
 * The web pages: server-rendered GOV.UK pages in the same app as the API, calling the same
 * services (never the API over HTTP). One sub-folder per area; each page is a controller, a pure
 * view-model builder and a template under `views/<area>/`.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([WebSessionEntity]),
    AuthModule,
    UsersModule,
    OrganisationsModule,
    PlansModule,
    // One module per area of pages, each owning its controllers and providers.
    // Before the plan's pages: '/plans/new' must not be taken for the dashboard of a plan called 'new'.
    PlansAdminPagesModule,
    DashboardPagesModule,
    PlanPagesModule,
    ActionPagesModule,
    FindingPagesModule,
    NoticePagesModule,
    WorkstreamPagesModule,
    EvidencePagesModule,
    PackPagesModule,
    MeetingPagesModule,
    AdminPagesModule,
    ImportPagesModule,
    NotificationPagesModule,
  ],
  controllers: [SignInController, HomeController, AccountController, HelpController],
  providers: [WebSessionRepository, WebSessionService],
  exports: [WebSessionService],
})
export class WebModule {}
