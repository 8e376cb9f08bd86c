import { SchedulerService } from '@backstage/backend-plugin-api';
import { ReliabilityConfig } from '../config/readReliabilityConfig';
import { ReliabilityContext } from '../context/buildReliabilityContext';

/**
 * Schedules the plugin's tasks. The scheduler runs each once per interval
 * across all replicas of the backend.
 *
 * @internal
 */
export async function scheduleReliabilityTasks(options: {
  scheduler: SchedulerService;
  config: ReliabilityConfig;
  context: ReliabilityContext;
}): Promise<void> {
  const { scheduler, config, context } = options;
  const { schedules } = config;
  const { sloService, summaryService, teamScorecards } = context;

  await scheduler.scheduleTask({
    id: 'reliability-catalog-sync',
    ...schedules['reliability-catalog-sync'],
    fn: async () => {
      await context.tierSync.run();
      await context.sloSync.run();
    },
  });
  await scheduler.scheduleTask({
    id: 'reliability-summary-repair',
    ...schedules['reliability-summary-repair'],
    fn: async () => {
      await summaryService.refreshAll(new Date());
    },
  });
  await scheduler.scheduleTask({
    id: 'reliability-team-snapshots',
    ...schedules['reliability-team-snapshots'],
    fn: async () => {
      await teamScorecards.snapshotAll(new Date());
    },
  });
  await scheduler.scheduleTask({
    id: 'reliability-slo-status',
    ...schedules['reliability-slo-status'],
    fn: async () => {
      const now = new Date();
      await sloService.refreshAll(now);
      await summaryService.refreshSloColumns(now);
      await summaryService.refreshIfIncomplete(now);
    },
  });
  await scheduler.scheduleTask({
    id: 'reliability-sli-rollup',
    ...schedules['reliability-sli-rollup'],
    fn: async () => {
      await sloService.rollUp(new Date());
    },
  });
}
