import { Module } from '@nestjs/common';
import { PlansModule } from '../../plans/plans.module';
import { NotificationPagesController } from './notification-pages.controller';

/**
 * Web pages: E-mail preferences, the unsubscribe landing page, and the messages sent (outbox) for the board.
 * Controllers use `@WebController()`; templates live in `views/notifications/`.
 */
@Module({
  imports: [PlansModule],
  controllers: [NotificationPagesController],
  providers: [],
})
export class NotificationPagesModule {}
