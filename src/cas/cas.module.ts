import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { initBlake3 } from './codec/blake3';
import { DelegateEntity } from './delegate.entity';
import { DelegatesController } from './delegates.controller';
import { DelegatesRepository } from './delegates.repository';
import { DelegatesService } from './delegates.service';
import { DepotEntity } from './depot.entity';
import { DepotsController } from './depots.controller';
import { DepotsRepository } from './depots.repository';
import { DepotsService } from './depots.service';
import { NodeAccess } from './node-access.service';
import { NodeEntity, NodeOwnerEntity, RealmUsageEntity } from './node.entity';
import { NodesController } from './nodes.controller';
import { NodesRepository } from './nodes.repository';
import { NodesService } from './nodes.service';
import { RealmAuthGuard } from './realm-auth.guard';
import { TokensController } from './tokens.controller';
import { FsController } from './fs/fs.controller';
import { FsService } from './fs/fs.service';
import { TreeNodeCache } from './fs/tree-reader';

/** Seed 002: the realm CAS (delegates and tokens, nodes, ownership, claim, depots, filesystem operations). */
@Module({
  imports: [TypeOrmModule.forFeature([DelegateEntity, NodeEntity, NodeOwnerEntity, RealmUsageEntity, DepotEntity]), IdentityModule],
  controllers: [FsController, NodesController, DelegatesController, DepotsController, TokensController],
  providers: [DelegatesRepository, NodesRepository, DepotsRepository, NodeAccess, DelegatesService, NodesService, DepotsService, TreeNodeCache, FsService, RealmAuthGuard],
  exports: [DelegatesService, NodesService, RealmAuthGuard],
})
export class CasModule implements OnModuleInit {
  /** BLAKE3 runs in WebAssembly, compiled once before the first request. */
  onModuleInit(): Promise<void> {
    return initBlake3();
  }
}
