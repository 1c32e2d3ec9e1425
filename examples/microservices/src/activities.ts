/** The demo's made-up domain: services hand out "activities" that the home page merges. */
export interface Activity {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly source: string;
}

const KINDS = ['hike', 'ride', 'run', 'swim'] as const;

/** `count` activities from one service; deterministic so responses are easy to check. */
export function activitiesFrom(source: string, count: number): Activity[] {
  const list: Activity[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length]!;
    list.push({ id: `${source}-${i + 1}`, kind, title: `${kind} #${i + 1} from ${source}`, source });
  }
  return list;
}

const isActivity = (a: unknown): a is Activity =>
  typeof a === 'object' && a !== null && typeof (a as Activity).id === 'string' && typeof (a as Activity).kind === 'string' && typeof (a as Activity).source === 'string';

/** The activities in a downstream JSON answer (`{ activities: [...] }`); anything else is dropped. */
export function activitiesIn(body: unknown): Activity[] {
  const list = (body as { activities?: unknown } | null)?.activities;
  return Array.isArray(list) ? list.filter(isActivity) : [];
}

/** The home page's view: every activity, grouped by kind, most frequent kind first. */
export interface HomeActivities {
  readonly count: number;
  readonly sources: string[];
  readonly topKind: string | undefined;
  readonly activities: Activity[];
}

export function rankActivities(lists: Activity[][]): HomeActivities {
  const activities = lists.flat();
  const perKind = new Map<string, number>();
  for (const a of activities) perKind.set(a.kind, (perKind.get(a.kind) ?? 0) + 1);
  const kindsByCount = [...perKind.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  const rank = new Map(kindsByCount.map(([kind], i) => [kind, i]));
  activities.sort((x, y) => rank.get(x.kind)! - rank.get(y.kind)! || x.id.localeCompare(y.id));
  return { count: activities.length, sources: [...new Set(activities.map((a) => a.source))].sort(), topKind: kindsByCount[0]?.[0], activities };
}
