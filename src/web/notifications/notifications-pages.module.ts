import { Module } from '@nestjs/common';

/**
 * Web pages: E-mail preferences and the messages sent (outbox) for the board.
 * Controllers use `@WebController()`; templates live in `views/notifications/`.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class NotificationPagesModule {}
