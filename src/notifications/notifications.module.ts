import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationPreferenceEntity } from './entities/notification-preference.entity';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxService } from './outbox/outbox.service';
import { OutboxTrigger } from './outbox/outbox-trigger.service';
import { PreferencesRepository } from './preferences/preferences.repository';
import { PreferencesService } from './preferences/preferences.service';
import { NotificationsController } from './notifications.controller';
import { NotificationEventsService } from './events/notification-events.service';
import { NotificationScanController } from './scans/notification-scan.controller';
import { NotificationScanRepository } from './scans/notification-scan.repository';
import { NotificationScanService } from './scans/notification-scan.service';

/**
 * Notifications, in both processes: writing e-mails to the outbox (OutboxService, in the caller's
 * transaction), asking for prompt delivery (OutboxTrigger), and people's choices (PreferencesService).
 * Global so any feature's event or scan can write a message without importing this one.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessageEntity, NotificationPreferenceEntity])],
  controllers: [NotificationsController, NotificationScanController],
  providers: [OutboxRepository, OutboxService, OutboxTrigger, PreferencesRepository, PreferencesService, NotificationScanRepository, NotificationScanService, NotificationEventsService],
  exports: [OutboxService, OutboxTrigger, PreferencesService, OutboxRepository, PreferencesRepository, NotificationScanService, NotificationEventsService],
})
export class NotificationsModule {}
