import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationPreferenceEntity } from './entities/notification-preference.entity';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxService } from './outbox/outbox.service';
import { OutboxTrigger } from './outbox/outbox-trigger.service';
import { PreferencesRepository } from './preferences/preferences.repository';
import { PreferencesService } from './preferences/preferences.service';

/**
 * Notifications, in both processes: writing e-mails to the outbox (OutboxService, in the caller's
 * transaction), asking for prompt delivery (OutboxTrigger), and people's choices (PreferencesService).
 * Global so any feature's event or scan can write a message without importing this one.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessageEntity, NotificationPreferenceEntity])],
  providers: [OutboxRepository, OutboxService, OutboxTrigger, PreferencesRepository, PreferencesService],
  exports: [OutboxService, OutboxTrigger, PreferencesService, OutboxRepository, PreferencesRepository],
})
export class NotificationsModule {}
