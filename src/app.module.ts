import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { OpsModule } from './app/ops.module';
import { CasModule } from './cas/cas.module';
import { CommonModule } from './common/common.module';
import { SurfaceExceptionFilter } from './common/surfaces/surface-exception.filter';
import { SurfaceResponseInterceptor } from './common/surfaces/surface-response.interceptor';
import { CONFIG_NAMESPACES } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { FileTicketsModule } from './file-tickets/file-tickets.module';
import { IdentityModule } from './identity/identity.module';
import { RealmTicketsModule } from './realm-tickets/realm-tickets.module';
import { SupportTicketsModule } from './support-tickets/support-tickets.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkflowModule } from './workflow/workflow.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, load: CONFIG_NAMESPACES }),
    DatabaseModule,
    CommonModule,
    IdentityModule,
    OpsModule,
    FileTicketsModule,
    CasModule,
    WebhooksModule,
    SupportTicketsModule,
    RealmTicketsModule,
    WorkflowModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: SurfaceExceptionFilter },
    { provide: APP_INTERCEPTOR, useClass: SurfaceResponseInterceptor },
  ],
})
export class AppModule {}
