import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { supportConfig } from '../config/support.config';
import { Transactions } from '../database/transactions';
import { PRIORITIES } from './ticket-rules';
import { responseMinutes, SupportRollupsRepository } from './support-rollups.repository';

/**
 * Keeps the derived support figures (the rollups behind totals, stats and the SLA report) from
 * answering wrong numbers. Triggers keep them exact for every write that goes through SQL; at
 * boot, before the app serves, this checks what triggers cannot: that the stored response
 * targets are this configuration's (met_response depends on them) and that the rollups add up
 * to the raw rows per status (rows restored or imported with triggers off). Either failing,
 * it rebuilds them from the raw rows (the same function as `npm run db:rebuild-derived`)
 * before the server listens.
 */
@Injectable()
export class SupportDerivedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SupportDerivedService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly rollups: SupportRollupsRepository,
    @Inject(supportConfig.KEY) private readonly config: ConfigType<typeof supportConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const why = await this.staleness();
    if (why === null) return;
    this.logger.warn(`Support rollups are stale (${why}): rebuilding them from the tickets`);
    const generation = await this.transactions.run(() => this.rollups.rebuild(this.config.sla));
    this.logger.log(`Support rollups rebuilt (generation ${generation})`);
  }

  /** Why the derived figures cannot be trusted, or null when they can. */
  async staleness(): Promise<string | null> {
    const state = await this.rollups.state();
    if (!state) return 'no derived state row';
    const wanted = responseMinutes(this.config.sla);
    if (PRIORITIES.some((p) => Number(state.response_minutes[p]) !== wanted[p])) return 'the SLA response targets changed';
    if (!(await this.rollups.consistent())) return 'they do not add up to the tickets';
    return null;
  }
}
