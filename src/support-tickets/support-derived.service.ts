import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { supportConfig } from '../config/support.config';
import { DerivedData } from '../database/derived-data';
import { Transactions } from '../database/transactions';
import { PRIORITIES } from './ticket-rules';
import { responseMinutes, SupportRollupsRepository } from './support-rollups.repository';

/**
 * Keeps the derived support figures (the rollups behind totals, stats and the SLA report) from
 * answering wrong numbers. At boot, before the app serves, it checks what triggers cannot: that
 * the stored response targets are this configuration's (met_response depends on them) and that
 * the rollups add up to the raw rows per status; either failing, it rebuilds them.
 */
@Injectable()
export class SupportDerivedService extends DerivedData {
  readonly name = 'Support rollups';

  constructor(
    transactions: Transactions,
    private readonly rollups: SupportRollupsRepository,
    @Inject(supportConfig.KEY) private readonly config: ConfigType<typeof supportConfig>,
  ) {
    super(transactions);
  }

  async staleness(): Promise<string | null> {
    const state = await this.rollups.state();
    if (!state) return 'no derived state row';
    const wanted = responseMinutes(this.config.sla);
    if (PRIORITIES.some((p) => Number(state.response_minutes[p]) !== wanted[p])) return 'the SLA response targets changed';
    if (!(await this.rollups.consistent())) return 'they do not add up to the tickets';
    return null;
  }

  rebuild(): Promise<number> {
    return this.rollups.rebuild(this.config.sla);
  }
}
