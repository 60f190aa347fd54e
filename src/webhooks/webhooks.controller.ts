import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtension, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../common/pagination';
import { PageQuery } from '../common/page-query.dto';
import { ApiNoContent, ApiPage, ApiSuccess, SuccessMessage } from '../common/surfaces/surface-response.interceptor';
import { IdParam } from '../common/validation/parse-id.pipe';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { CreateWebhookDto, ListDeliveriesQuery, UpdateWebhookDto } from './dto/webhook.dto';
import { DeliveryView, WebhookView, WebhookWithSecretView } from './dto/webhook.view';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Authenticated({ roles: [Role.Admin] })
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /**
   * Admins subscribe an http(s) URL to event types (`*`: all). Each delivery is a signed JSON POST
   * `{event, timestamp, data}` (seed 001 §8). The secret, generated unless given, is shown in this
   * response only. URLs that do not resolve or that reach loopback, private or link-local
   * addresses are refused (400) unless WEBHOOK_ALLOW_PRIVATE_TARGETS is set.
   */
  @ApiOperation({ summary: 'Subscribe a URL to events; the secret is shown in this response only' })
  @ApiBadRequestResponse({ description: 'INVALID_WEBHOOK_URL, or WEBHOOK_TARGET_FORBIDDEN for private-network targets' })
  @ApiSuccess(WebhookWithSecretView, { status: 201, description: 'The subscription, with its signing secret (shown this once)' })
  @SuccessMessage('Webhook created successfully')
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateWebhookDto): Promise<WebhookWithSecretView> {
    return this.webhooks.create(auth, dto);
  }

  /** Admins list every subscription, oldest first, without their secrets. */
  @ApiOperation({ summary: 'List subscriptions' })
  @ApiPage(WebhookView, { description: 'One page of subscriptions (secrets are never listed)' })
  @Get()
  list(@Query() query: PageQuery): Promise<Page<WebhookView>> {
    return this.webhooks.list(query);
  }

  /**
   * One subscription, without its secret. `disabled_reason` says why the dispatcher disabled it
   * after too many dead deliveries in a row.
   */
  @ApiOperation({ summary: 'One subscription (disabled_reason shows an automatic disable)' })
  @ApiSuccess(WebhookView, { description: 'The subscription' })
  @ApiNotFoundResponse({ description: 'WEBHOOK_NOT_FOUND' })
  @Get(':id')
  get(@IdParam() id: number): Promise<WebhookView> {
    return this.webhooks.get(id);
  }

  /**
   * Changes any field but the secret (rotate it instead); fields left out stay as they are. A new
   * URL is checked as on creation. Setting `active: true` on a disabled subscription clears its
   * dead-delivery count and reason.
   */
  @ApiOperation({ summary: 'Change url, events, description, active or internal' })
  @ApiSuccess(WebhookView, { description: 'The subscription as changed' })
  @ApiBadRequestResponse({ description: 'INVALID_WEBHOOK_URL, or WEBHOOK_TARGET_FORBIDDEN for private-network targets' })
  @ApiNotFoundResponse({ description: 'WEBHOOK_NOT_FOUND' })
  @SuccessMessage('Webhook updated successfully')
  @Patch(':id')
  update(@IdParam() id: number, @Body() dto: UpdateWebhookDto): Promise<WebhookView> {
    return this.webhooks.update(id, dto);
  }

  /** Deletes a subscription with its whole delivery log, pending deliveries included: nothing more is sent to it. */
  @ApiOperation({ summary: 'Delete a subscription and its delivery log' })
  @ApiNoContent('Deleted; no body')
  @ApiNotFoundResponse({ description: 'WEBHOOK_NOT_FOUND' })
  @HttpCode(204)
  @Delete(':id')
  remove(@IdParam() id: number): Promise<void> {
    return this.webhooks.remove(id);
  }

  /**
   * Generates a new signing secret; deliveries from now on are signed with it and the old one
   * stops being used. The new secret is shown in this response only.
   */
  @ApiOperation({ summary: 'Replace the secret; the new one is shown in this response only' })
  @ApiSuccess(WebhookWithSecretView, { description: 'The subscription with its new secret (shown this once)' })
  @ApiNotFoundResponse({ description: 'WEBHOOK_NOT_FOUND' })
  @SuccessMessage('Webhook secret rotated')
  @HttpCode(200)
  @Post(':id/rotate-secret')
  rotateSecret(@IdParam() id: number): Promise<WebhookWithSecretView> {
    return this.webhooks.rotateSecret(id);
  }

  /**
   * The delivery log of a subscription, newest first: each delivery's status (pending, succeeded,
   * dead), its attempts with response status, latency and error, and when it is retried next.
   * Filter by `status` and by event type.
   */
  @ApiOperation({ summary: 'Delivery log: every delivery with its attempts (filter by status and event)' })
  @ApiPage(DeliveryView, { description: 'One page of deliveries with their attempt logs' })
  @ApiNotFoundResponse({ description: 'WEBHOOK_NOT_FOUND' })
  @Get(':id/deliveries')
  deliveries(@IdParam() id: number, @Query() query: ListDeliveriesQuery): Promise<Page<DeliveryView>> {
    return this.webhooks.listDeliveries(id, query);
  }

  /**
   * Queues the same event body again for this subscription, as a new delivery with its own id,
   * `X-Webhook-Id` and attempt log (`redelivery_of` names the original). Any delivery may be
   * redelivered, dead ones included. The answer comes before the first attempt.
   */
  @ApiOperation({ summary: 'Send a delivery again (as a new delivery)' })
  @ApiSuccess(DeliveryView, { status: 202, description: 'The new delivery, queued (pending, no attempt yet)' })
  @ApiNotFoundResponse({ description: 'DELIVERY_NOT_FOUND: no such delivery of this webhook' })
  @ApiExtension('x-example-fields', { id: 43, webhook_message_id: '7c9e4a2b-1d3f-4e8a-b6c5-2a9d0e1f3b47', status: 'pending', attempts: 0, next_attempt_at: '2024-10-23T11:00:00.000Z', last_response_status: null, redelivery_of: 42, created_at: '2024-10-23T11:00:00.000Z', completed_at: null, attempt_log: [] })
  @SuccessMessage('Redelivery queued')
  @HttpCode(202)
  @Post(':id/deliveries/:deliveryId/redeliver')
  redeliver(@IdParam() id: number, @IdParam('deliveryId') deliveryId: number): Promise<DeliveryView> {
    return this.webhooks.redeliver(id, deliveryId);
  }

  /**
   * Queues a `ping` event for this subscription alone, sent at once, to check the target and the
   * signature handling. It is sent even when the subscription is not subscribed to `ping`.
   */
  @ApiOperation({ summary: 'Send a ping event now' })
  @ApiSuccess(DeliveryView, { status: 202, description: 'The ping delivery, queued (pending, no attempt yet)' })
  @ApiNotFoundResponse({ description: 'WEBHOOK_NOT_FOUND' })
  @ApiExtension('x-example-fields', { id: 44, event_id: null, event_type: 'ping', webhook_message_id: 'e3b8d5f0-6a2c-4f19-8d7e-5c1a9b2f4e60', status: 'pending', attempts: 0, next_attempt_at: '2024-10-23T11:00:00.000Z', last_response_status: null, created_at: '2024-10-23T11:00:00.000Z', completed_at: null, attempt_log: [] })
  @SuccessMessage('Ping queued')
  @HttpCode(202)
  @Post(':id/ping')
  ping(@IdParam() id: number): Promise<DeliveryView> {
    return this.webhooks.ping(id);
  }
}
