/** One run of a scheduled task, from the line the plugin logs after it. */
export interface TaskRun {
  task: string;
  replica: string;
  start: number;
  end: number;
  failed: boolean;
}

const RUN_LINE =
  /Task (reliability-[a-z-]+) (ran in|failed after) (\d+) ms \(started (\S+)\)/;

/** The task runs a replica logged (`Task <id> ran in <ms> ms (started <ISO>)`). */
export function taskRunsOf(replica: string, lines: string[]): TaskRun[] {
  return lines.flatMap(line => {
    const match = RUN_LINE.exec(line);
    if (!match) return [];
    const start = Date.parse(match[4]);
    return [
      {
        task: match[1],
        replica,
        start,
        end: start + Number(match[3]),
        failed: match[2] === 'failed after',
      },
    ];
  });
}

/** What the runs of one task in a window say, across the replicas. */
export interface TaskRunFigures {
  task: string;
  frequencyMs: number;
  /** The window's length over the frequency: the runs one scheduler makes. */
  expected: number;
  runs: number;
  byReplica: Record<string, number>;
  failed: number;
  /** Runs that began before the previous run (on any replica) had ended. */
  overlaps: number;
  /** The shortest time between two consecutive starts, in ms. */
  minGapMs: number | null;
  longestRunMs: number;
}

/**
 * The runs of `task` that started in `[from, to)`: how many, where, and
 * whether any two of them shared an interval.
 */
export function taskRunFigures(
  task: string,
  frequencyMs: number,
  runs: TaskRun[],
  from: number,
  to: number,
): TaskRunFigures {
  const mine = runs
    .filter(r => r.task === task && r.start >= from && r.start < to)
    .sort((a, b) => a.start - b.start);
  const byReplica: Record<string, number> = {};
  for (const run of mine) {
    byReplica[run.replica] = (byReplica[run.replica] ?? 0) + 1;
  }
  let overlaps = 0;
  let minGapMs: number | null = null;
  for (let i = 1; i < mine.length; i++) {
    if (mine[i].start < mine[i - 1].end) overlaps += 1;
    const gap = mine[i].start - mine[i - 1].start;
    minGapMs = minGapMs === null ? gap : Math.min(minGapMs, gap);
  }
  return {
    task,
    frequencyMs,
    expected: (to - from) / frequencyMs,
    runs: mine.length,
    byReplica,
    failed: mine.filter(r => r.failed).length,
    overlaps,
    minGapMs,
    longestRunMs: Math.max(0, ...mine.map(r => r.end - r.start)),
  };
}
