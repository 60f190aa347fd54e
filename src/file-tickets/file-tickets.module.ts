import { Module } from '@nestjs/common';
import { FileTicketsInfoController } from './file-tickets-info.controller';

@Module({ controllers: [FileTicketsInfoController] })
export class FileTicketsModule {}
