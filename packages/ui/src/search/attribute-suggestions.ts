/**
 * What the attribute box suggests for what has been typed so far: keys while typing a key,
 * then `key=value` completions once an operator that takes a text value follows the key.
 */
export type SuggestionNeed = { readonly kind: 'keys' } | { readonly kind: 'values'; readonly key: string; readonly op: string };

export function suggestionNeed(text: string): SuggestionNeed {
  const m = /^([^!=<>~]+?)\s*(!=|=|~)/.exec(text.trimStart());
  return m ? { kind: 'values', key: m[1]!.trim(), op: m[2]! } : { kind: 'keys' };
}

/** The datalist options: full conditions, so picking one fills the whole box. */
export function suggestionOptions(need: SuggestionNeed, keys: readonly string[], values: readonly string[], max = 200): string[] {
  if (need.kind === 'keys') return keys.slice(0, max).map((k) => `${k}=`);
  return values.slice(0, max).map((v) => `${need.key}${need.op}${v}`);
}
