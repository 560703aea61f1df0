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
import { SignInController } from './sign-in/sign-in.controller';

/**
 * The web pages: server-rendered GOV.UK pages in the same app as the API, calling the same
 * services (never the API over HTTP). One sub-folder per area; each page is a controller, a pure
 * view-model builder and a template under `views/<area>/`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebSessionEntity]), AuthModule, UsersModule, OrganisationsModule, PlansModule],
  controllers: [SignInController, HomeController, AccountController, HelpController],
  providers: [WebSessionRepository, WebSessionService],
  exports: [WebSessionService],
})
export class WebModule {}
