import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
@ApiNotFoundResponse({ description: 'WEBHOOK_NOT_FOUND / DELIVERY_NOT_FOUND' })
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @ApiOperation({ summary: 'Subscribe a URL to events; the secret is shown in this response only' })
  @ApiBadRequestResponse({ description: 'INVALID_WEBHOOK_URL, or WEBHOOK_TARGET_FORBIDDEN for private-network targets' })
  @ApiSuccess(WebhookWithSecretView, { status: 201 })
  @SuccessMessage('Webhook created successfully')
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateWebhookDto): Promise<WebhookWithSecretView> {
    return this.webhooks.create(auth, dto);
  }

  @ApiOperation({ summary: 'List subscriptions' })
  @ApiPage(WebhookView)
  @Get()
  list(@Query() query: PageQuery): Promise<Page<WebhookView>> {
    return this.webhooks.list(query);
  }

  @ApiOperation({ summary: 'One subscription (disabled_reason shows an automatic disable)' })
  @ApiSuccess(WebhookView)
  @Get(':id')
  get(@IdParam() id: number): Promise<WebhookView> {
    return this.webhooks.get(id);
  }

  @ApiOperation({ summary: 'Change url, events, description, active or internal' })
  @ApiSuccess(WebhookView)
  @SuccessMessage('Webhook updated successfully')
  @Patch(':id')
  update(@IdParam() id: number, @Body() dto: UpdateWebhookDto): Promise<WebhookView> {
    return this.webhooks.update(id, dto);
  }

  @ApiOperation({ summary: 'Delete a subscription and its delivery log' })
  @ApiNoContent()
  @HttpCode(204)
  @Delete(':id')
  remove(@IdParam() id: number): Promise<void> {
    return this.webhooks.remove(id);
  }

  @ApiOperation({ summary: 'Replace the secret; the new one is shown in this response only' })
  @ApiSuccess(WebhookWithSecretView)
  @SuccessMessage('Webhook secret rotated')
  @HttpCode(200)
  @Post(':id/rotate-secret')
  rotateSecret(@IdParam() id: number): Promise<WebhookWithSecretView> {
    return this.webhooks.rotateSecret(id);
  }

  @ApiOperation({ summary: 'Delivery log: every delivery with its attempts (filter by status and event)' })
  @ApiPage(DeliveryView)
  @Get(':id/deliveries')
  deliveries(@IdParam() id: number, @Query() query: ListDeliveriesQuery): Promise<Page<DeliveryView>> {
    return this.webhooks.listDeliveries(id, query);
  }

  @ApiOperation({ summary: 'Send a delivery again (as a new delivery)' })
  @ApiSuccess(DeliveryView, { status: 202 })
  @SuccessMessage('Redelivery queued')
  @HttpCode(202)
  @Post(':id/deliveries/:deliveryId/redeliver')
  redeliver(@IdParam() id: number, @IdParam('deliveryId') deliveryId: number): Promise<DeliveryView> {
    return this.webhooks.redeliver(id, deliveryId);
  }

  @ApiOperation({ summary: 'Send a ping event now' })
  @ApiSuccess(DeliveryView, { status: 202 })
  @SuccessMessage('Ping queued')
  @HttpCode(202)
  @Post(':id/ping')
  ping(@IdParam() id: number): Promise<DeliveryView> {
    return this.webhooks.ping(id);
  }
}
