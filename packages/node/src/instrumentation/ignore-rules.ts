// Compiles the user's ignore rules once into a matcher, so a request pays for a Set lookup
// (and only the prefixes and patterns that exist) rather than for re-reading the option list.

export type PathRule = string | RegExp;
export type OutgoingRule = string | RegExp;

export type Matcher = (value: string) => boolean;

const NEVER: Matcher = () => false;

/**
 * Rules for incoming request paths (query excluded): `'/health'` matches exactly,
 * `'/health*'` matches every path that starts with `/health`, a RegExp is tested.
 */
export function compilePathRules(rules: readonly PathRule[] | undefined): Matcher {
  if (rules === undefined || rules.length === 0) return NEVER;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const patterns: RegExp[] = [];
  for (const rule of rules) {
    if (rule instanceof RegExp) patterns.push(rule);
    else if (typeof rule === 'string' && rule !== '') {
      if (rule.endsWith('*')) prefixes.push(rule.slice(0, -1));
      else exact.add(rule);
    }
  }
  return (path) => {
    if (exact.has(path)) return true;
    for (let i = 0; i < prefixes.length; i++) if (path.startsWith(prefixes[i]!)) return true;
    for (let i = 0; i < patterns.length; i++) {
      const pattern = patterns[i]!;
      pattern.lastIndex = 0; // a /g or /y pattern would otherwise remember the previous match
      if (pattern.test(path)) return true;
    }
    return false;
  };
}

/** What an outgoing rule is matched against. */
export interface OutgoingTarget {
  /** Host name without port, e.g. `api.example.com`. */
  readonly host: string;
  /** `host:port` as the request was addressed. */
  readonly hostAndPort: string;
  /** The sanitized absolute URL. */
  readonly url: string;
}

export type OutgoingMatcher = (target: OutgoingTarget) => boolean;

/**
 * Rules for outgoing requests: a string with `://` is a URL prefix
 * (`'http://169.254.169.254/'`), any other string a host (`'metadata.internal'`) or
 * `host:port`, a RegExp is tested against the full URL.
 */
export function compileOutgoingRules(rules: readonly OutgoingRule[] | undefined): OutgoingMatcher | undefined {
  if (rules === undefined || rules.length === 0) return undefined;
  const hosts = new Set<string>();
  const urlPrefixes: string[] = [];
  const patterns: RegExp[] = [];
  for (const rule of rules) {
    if (rule instanceof RegExp) patterns.push(rule);
    else if (typeof rule === 'string' && rule !== '') {
      if (rule.includes('://')) urlPrefixes.push(rule);
      else hosts.add(rule.toLowerCase());
    }
  }
  return (target) => {
    if (hosts.has(target.host.toLowerCase()) || hosts.has(target.hostAndPort.toLowerCase())) return true;
    for (let i = 0; i < urlPrefixes.length; i++) if (target.url.startsWith(urlPrefixes[i]!)) return true;
    for (let i = 0; i < patterns.length; i++) {
      const pattern = patterns[i]!;
      pattern.lastIndex = 0;
      if (pattern.test(target.url)) return true;
    }
    return false;
  };
}
