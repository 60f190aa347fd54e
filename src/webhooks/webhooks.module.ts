import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEventEntity } from './outbox-event.entity';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxEventEntity, WebhookSubscriptionEntity, WebhookDeliveryEntity, WebhookDeliveryAttemptEntity])],
  controllers: [WebhooksController],
  providers: [OutboxService, OutboxRepository, WebhooksService, WebhookSubscriptionsRepository, WebhookDeliveriesRepository, WebhookDispatcher],
  exports: [OutboxService],
})
export class WebhooksModule {}
