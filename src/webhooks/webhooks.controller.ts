import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../common/pagination';
import { SuccessMessage } from '../common/surfaces/surface-response.interceptor';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { CreateWebhookDto, ListDeliveriesQuery, UpdateWebhookDto } from './dto/webhook.dto';
import { DeliveryView, WebhookView, WebhookWithSecretView } from './dto/webhook.view';
import { WebhooksService } from './webhooks.service';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';

@ApiTags('webhooks')
@Authenticated({ roles: [Role.Admin] })
@ApiNotFoundResponse({ description: 'WEBHOOK_NOT_FOUND / DELIVERY_NOT_FOUND' })
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @ApiOperation({ summary: 'Subscribe a URL to events; the secret is shown in this response only' })
  @ApiBadRequestResponse({ description: 'INVALID_WEBHOOK_URL, or WEBHOOK_TARGET_FORBIDDEN for private-network targets' })
  @SuccessMessage('Webhook created successfully')
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateWebhookDto): Promise<WebhookWithSecretView> {
    return this.webhooks.create(auth, dto);
  }

  @ApiOperation({ summary: 'List subscriptions' })
  @Get()
  list(@Query() query: PageQuery) {
    return this.webhooks.list(query);
  }

  @ApiOperation({ summary: 'One subscription (disabled_reason shows an automatic disable)' })
  @Get(':id')
  get(@Param('id', ParseIdPipe) id: number): Promise<WebhookView> {
    return this.webhooks.get(id);
  }

  @ApiOperation({ summary: 'Change url, events, description, active or internal' })
  @SuccessMessage('Webhook updated successfully')
  @Patch(':id')
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateWebhookDto): Promise<WebhookView> {
    return this.webhooks.update(id, dto);
  }

  @ApiOperation({ summary: 'Delete a subscription and its delivery log' })
  @HttpCode(204)
  @Delete(':id')
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.webhooks.remove(id);
  }

  @ApiOperation({ summary: 'Replace the secret; the new one is shown in this response only' })
  @SuccessMessage('Webhook secret rotated')
  @HttpCode(200)
  @Post(':id/rotate-secret')
  rotateSecret(@Param('id', ParseIdPipe) id: number): Promise<WebhookWithSecretView> {
    return this.webhooks.rotateSecret(id);
  }

  @ApiOperation({ summary: 'Delivery log: every delivery with its attempts (filter by status and event)' })
  @Get(':id/deliveries')
  deliveries(@Param('id', ParseIdPipe) id: number, @Query() query: ListDeliveriesQuery) {
    return this.webhooks.listDeliveries(id, query);
  }

  @ApiOperation({ summary: 'Send a delivery again (as a new delivery)' })
  @SuccessMessage('Redelivery queued')
  @HttpCode(202)
  @Post(':id/deliveries/:deliveryId/redeliver')
  redeliver(@Param('id', ParseIdPipe) id: number, @Param('deliveryId', ParseIdPipe) deliveryId: number): Promise<DeliveryView> {
    return this.webhooks.redeliver(id, deliveryId);
  }

  @ApiOperation({ summary: 'Send a ping event now' })
  @SuccessMessage('Ping queued')
  @HttpCode(202)
  @Post(':id/ping')
  ping(@Param('id', ParseIdPipe) id: number): Promise<DeliveryView> {
    return this.webhooks.ping(id);
  }
}
