import { Module } from '@nestjs/common';
import { mailTransportProvider } from './mail/mail-transport';
import { OutboxSender } from './outbox/outbox-sender.service';

/** The SMTP transport and the outbox sender (worker side; also started alone by tests and the benchmark). */
@Module({
  providers: [mailTransportProvider, OutboxSender],
  exports: [OutboxSender],
})
export class NotificationsSenderModule {}
