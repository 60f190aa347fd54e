import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

/** Seed 003's info routes: plain text, no auth. */
@ApiTags('file-tickets')
@Controller()
export class FileTicketsInfoController {
  /** Seed 003's version probe: the API version as plain text, without credentials. */
  @ApiOperation({ summary: 'API version (plain text)' })
  @ApiOkResponse({ description: 'v2.0.0', content: { 'text/plain': { schema: { type: 'string', example: 'v2.0.0' } } } })
  @Get('version')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  version(): string {
    return 'v2.0.0';
  }

  /** Seed 003's latency probe: answers "pong" as plain text, without credentials. */
  @ApiOperation({ summary: 'Latency probe (plain text)' })
  @ApiOkResponse({ description: 'pong', content: { 'text/plain': { schema: { type: 'string', example: 'pong' } } } })
  @Get('ping')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  ping(): string {
    return 'pong';
  }
}
