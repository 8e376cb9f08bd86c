import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ReliabilityConfig } from '../config/readReliabilityConfig';
import { ReliabilityContext } from '../context/buildReliabilityContext';

/**
 * A task's function that logs one line per run, on the replica that ran
 * it: `Task <id> ran in <ms> ms (started <ISO time>)`, or `failed after`.
 * The scheduler keeps no run history; these lines are how an operator
 * (and the two-replica test) counts the runs and sees where they ran.
 */
function loggedRun(
  logger: LoggerService,
  id: string,
  fn: () => Promise<void>,
): () => Promise<void> {
  return async () => {
    const started = new Date();
    let outcome = 'failed after';
    try {
      await fn();
      outcome = 'ran in';
    } finally {
      logger.info(
        `Task ${id} ${outcome} ${
          Date.now() - started.getTime()
        } ms (started ${started.toISOString()})`,
        { task: id },
      );
    }
  };
}

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
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, config, context, logger } = options;
  const { schedules } = config;
  const { sloService, summaryService, teamScorecards } = context;

  await scheduler.scheduleTask({
    id: 'reliability-catalog-sync',
    ...schedules['reliability-catalog-sync'],
    fn: loggedRun(logger, 'reliability-catalog-sync', async () => {
      await context.tierSync.run();
      await context.sloSync.run();
    }),
  });
  await scheduler.scheduleTask({
    id: 'reliability-summary-repair',
    ...schedules['reliability-summary-repair'],
    fn: loggedRun(logger, 'reliability-summary-repair', async () => {
      await summaryService.refreshAll(new Date());
    }),
  });
  await scheduler.scheduleTask({
    id: 'reliability-team-snapshots',
    ...schedules['reliability-team-snapshots'],
    fn: loggedRun(logger, 'reliability-team-snapshots', async () => {
      await teamScorecards.snapshotAll(new Date());
    }),
  });
  await scheduler.scheduleTask({
    id: 'reliability-slo-status',
    ...schedules['reliability-slo-status'],
    fn: loggedRun(logger, 'reliability-slo-status', async () => {
      const now = new Date();
      await sloService.refreshAll(now);
      await summaryService.refreshSloColumns(now);
      await summaryService.refreshIfIncomplete(now);
    }),
  });
  await scheduler.scheduleTask({
    id: 'reliability-sli-rollup',
    ...schedules['reliability-sli-rollup'],
    fn: loggedRun(logger, 'reliability-sli-rollup', async () => {
      await sloService.rollUp(new Date());
    }),
  });
  if (context.sliPulls.enabled) {
    await scheduler.scheduleTask({
      id: 'reliability-sli-pull',
      ...schedules['reliability-sli-pull'],
      fn: loggedRun(logger, 'reliability-sli-pull', async () => {
        const result = await context.sliPulls.pullAll(new Date());
        logger.info(
          `SLI pull: ${result.slos} pulled SLOs, ${result.requests} requests, ${result.failed} failed`,
        );
      }),
    });
  }
}
