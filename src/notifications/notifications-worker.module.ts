import { Module } from '@nestjs/common';
import { NotificationsProcessor } from './jobs/notifications.processor';
import { NotificationsScheduler } from './jobs/notifications.scheduler';
import { NotificationsSenderModule } from './notifications-sender.module';

/** Notifications: worker side (the notifications queue's processor and the every-minute delivery). */
@Module({
  imports: [NotificationsSenderModule],
  providers: [NotificationsProcessor, NotificationsScheduler],
})
export class NotificationsWorkerModule {}
