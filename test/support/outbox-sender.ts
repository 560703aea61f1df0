import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { FixedClock } from '../../src/common/clock/clock';
import type { AppConfig } from '../../src/config/app-config';
import { CoreModule } from '../../src/core/core.module';
import { NotificationsModule } from '../../src/notifications/notifications.module';
import { NotificationsSenderModule } from '../../src/notifications/notifications-sender.module';
import { OutboxSender } from '../../src/notifications/outbox/outbox-sender.service';

/** A started outbox sender: the service, and `close()` for afterAll. */
export interface StartedOutboxSender {
  sender: OutboxSender;
  context: INestApplicationContext;
  close(): Promise<void>;
}

/**
 * An outbox sender as a worker replica runs it: its own Nest context (its own database pool and
 * SMTP connections) on the test app's config and fixed clock, so `sender.deliverDue()` delivers
 * what the app wrote, at the test's time, to the SMTP server the config names (an SmtpCatcher's env).
 * Close it before the TestApp (its database is dropped on close).
 */
export async function startOutboxSender(app: { config: AppConfig; clock: FixedClock }): Promise<StartedOutboxSender> {
  const ref = await Test.createTestingModule({ imports: [CoreModule.forRoot({ config: app.config, clock: app.clock, databaseClient: 'worker' }), NotificationsModule, NotificationsSenderModule] }).compile();
  const context = await ref.init();
  return { sender: context.get(OutboxSender), context, close: () => context.close() };
}
