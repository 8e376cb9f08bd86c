/**
 * The part of the entity summary service a refresher drives. Declared
 * here, so that the services that write (and refresh) do not import the
 * summary service, which reads them.
 */
export interface SummaryRefreshTarget {
  refreshEntities(entityRefs: string[], at: Date): Promise<unknown>;
  refreshSloColumns(at: Date, entityRef?: string): Promise<unknown>;
  refreshForRotation(
    team: string,
    rotationId: string,
    at: Date,
  ): Promise<unknown>;
}

/**
 * What a write calls after it changed an input of the overview: the rows
 * of the affected entities are brought up to date. Services hold one; no
 * route refreshes anything itself.
 *
 * @internal
 */
export class SummaryRefresher {
  constructor(
    private readonly summaryService: SummaryRefreshTarget,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** After a write that changed one of these entities' inputs. */
  async entitiesChanged(entityRefs: string[]): Promise<void> {
    await this.summaryService.refreshEntities(entityRefs, this.now());
  }

  /**
   * After measurements changed the statuses of the entity's SLOs: only the
   * SLO columns of its row, cheaper than a whole refresh on every batch.
   */
  async sloStatusesChanged(entityRef: string): Promise<void> {
    await this.summaryService.refreshSloColumns(this.now(), entityRef);
  }

  /**
   * After a rotation changed: the rows of the teams' entities and of those
   * the rotation answers for.
   */
  async rotationChanged(teams: string[], rotationId: string): Promise<void> {
    for (const team of new Set(teams)) {
      await this.summaryService.refreshForRotation(
        team,
        rotationId,
        this.now(),
      );
    }
  }
}
