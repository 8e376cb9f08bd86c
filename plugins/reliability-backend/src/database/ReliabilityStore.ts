import { EntityTierStore } from './EntityTierStore';
import { IncidentStore } from './IncidentStore';
import { OnCallStore } from './OnCallStore';
import { ReadinessStore } from './ReadinessStore';
import { SloStore } from './SloStore';

/**
 * The reliability database. Implemented by {@link DatabaseReliabilityStore};
 * tests and other storage back ends can provide their own.
 *
 * @public
 */
export interface ReliabilityStore
  extends EntityTierStore,
    SloStore,
    OnCallStore,
    IncidentStore,
    ReadinessStore {}
