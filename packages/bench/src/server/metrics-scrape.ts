/** Reads one unlabelled gauge or counter from a Prometheus text exposition. */
export function prometheusValue(text: string, name: string): number | undefined {
  const m = new RegExp(`^${name}(?:\\{\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

export interface StoreGauges {
  readonly storeSpans: number | undefined;
  readonly storeBytes: number | undefined;
}

/** skein_store_spans and skein_store_bytes from the server's /metrics. */
export async function scrapeStoreGauges(queryUrl: string): Promise<StoreGauges> {
  const res = await fetch(`${queryUrl}/metrics`);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${text.slice(0, 200)}`);
  return { storeSpans: prometheusValue(text, 'skein_store_spans'), storeBytes: prometheusValue(text, 'skein_store_bytes') };
}
