import { array, str, type AnyValue } from '@skein/model';
import { jsonToAnyValue, type JsonObject } from './xray-json-fields.js';
import { XRAY_KEYS } from './xray-keys.js';

/**
 * `annotations` → attributes with the type the client sent, after the collector's
 * addAnnotations (receiver/awsxrayreceiver/internal/translator/annotations.go): strings,
 * booleans, integers → int, other numbers → double. The collector silently drops a value of any
 * other type; Skein keeps it (as JSON text). The annotation keys are also listed in
 * `aws.xray.annotations`, the attribute the collector's X-Ray exporter reads to decide what to
 * annotate, so the annotations can be told apart from other attributes and sent on as such.
 */
export function mapAnnotations(annotations: JsonObject | undefined, attrs: Map<string, AnyValue>): void {
  if (!annotations) return;
  const keys: AnyValue[] = [];
  for (const key of Object.keys(annotations)) {
    const value = jsonToAnyValue(annotations[key]);
    if (value === undefined) continue;
    attrs.set(key, value);
    keys.push(str(key));
  }
  if (keys.length > 0) attrs.set(XRAY_KEYS.annotations, array(keys));
}

/**
 * `metadata` → one attribute per namespace, `aws.xray.metadata.<namespace>`, holding the
 * namespace's object as JSON text (collector: translator/metadata.go). Metadata is free-form and
 * not searchable in X-Ray either, so text keeps it whole without flattening it into attributes.
 * (A namespace that is not an object, which the collector's unmarshalling rejects, is kept too.)
 */
export function mapMetadata(metadata: JsonObject | undefined, attrs: Map<string, AnyValue>): void {
  if (!metadata) return;
  for (const namespace of Object.keys(metadata)) {
    const value = metadata[namespace];
    if (value === null || value === undefined) continue;
    attrs.set(XRAY_KEYS.metadataPrefix + namespace, str(JSON.stringify(value)));
  }
}
